"""MeetingDesk (会议纪实台): leadership-team meeting records for townships and county departments."""

__version__ = "0.1.0"
# A laptop clock before this day is wrong (a flat CMOS battery resets it to years ago).
__build_date__ = "2026-11-28"

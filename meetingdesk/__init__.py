"""MeetingDesk (会议纪实台): leadership-team meeting records for townships and county departments."""

__version__ = "0.1.0"

"""Alembic migrations of the MeetingDesk schema, run by meetingdesk.store.migrate.

A package (with versions/ as one too) so that an ordinary or editable install ships the scripts.
Alembic reads them as files, so a PyInstaller bundle must carry them as data files:
collect_data_files("meetingdesk.store.migrations", include_py_files=True).
"""

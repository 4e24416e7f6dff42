"""The one record of a session: every run, job, worker and CPU sample, and
the exporters that read it. Qt-free: the window, the command line and the
tests all fold events through the same :class:`SessionRecord`."""

from workers.record.session import JobRecord, RecordChange, RunRecord, SessionRecord

__all__ = ["JobRecord", "RecordChange", "RunRecord", "SessionRecord"]

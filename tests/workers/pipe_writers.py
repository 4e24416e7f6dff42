"""Child processes for the report pipe's tests: they write reports and
nothing else. Imported in every child, so standard library and the pipe only.
"""

from __future__ import annotations

from workers.jobs.report_pipe import MAX_REPORT_BYTES, ReportWriter, encode_report, send_report


def full_size_report(writer_no: int, seq: int) -> tuple:
    """A report exactly :data:`MAX_REPORT_BYTES` long once encoded, whose
    padding repeats ``writer_no`` so a torn frame could not pass for whole."""
    letter = chr(ord("a") + writer_no % 26)
    long_enough = 300  # marshal's longer string header, as in the final report
    pad = MAX_REPORT_BYTES - len(encode_report((writer_no, seq, letter * long_enough)))
    return (writer_no, seq, letter * (long_enough + pad))


def write_until_killed(conn: ReportWriter, writer_no: int) -> None:
    """Write full-size reports, numbered from 0, until killed."""
    seq = 0
    while True:
        send_report(conn, full_size_report(writer_no, seq))
        seq += 1

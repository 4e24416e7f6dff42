"""The shared report pipe: reports fit one atomic write, and writers killed
mid-stream leave only whole reports behind."""

from __future__ import annotations

import marshal
import os
import signal
import time

import pytest

from tests.workers.pipe_writers import full_size_report, write_until_killed
from workers.jobs.named_job import Crashed, _shorten_crash, from_wire, run_named_job, to_wire
from workers.jobs.report_pipe import FRAME_HEADER_BYTES, MAX_REPORT_BYTES, ReportPipe, encode_report
from workers.start_methods import context_for

WRITERS = 6
#: Whole reports each writer must have delivered before it is killed.
REPORTS_BEFORE_KILL = 50
DEADLINE_S = 30.0


def test_report_at_the_limit_fits_and_one_byte_more_does_not() -> None:
    assert len(encode_report(full_size_report(3, 7))) == MAX_REPORT_BYTES
    too_big = (*full_size_report(3, 7)[:2], full_size_report(3, 7)[2] + "x")
    with pytest.raises(ValueError, match="one atomic write"):
        encode_report(too_big)


def test_a_long_crash_report_keeps_the_end_of_its_traceback() -> None:
    traceback = "Traceback (most recent call last):\n" + "  frame\n" * 2000 + "TypeError: boom\n"
    wire = to_wire(Crashed(4, 1234, "5", "TypeError", "boom", traceback, 0.5, 1.0, 2.0))
    data = encode_report(wire, _shorten_crash)
    assert len(data) <= MAX_REPORT_BYTES
    crash = from_wire(marshal.loads(data))
    assert isinstance(crash, Crashed)
    assert (crash.exc_type, crash.message, crash.started_mono) == ("TypeError", "boom", 0.5)
    assert crash.detail.startswith("…") and crash.detail.endswith("TypeError: boom\n")


def test_a_crash_whose_message_alone_is_too_long_is_cut_short() -> None:
    wire = to_wire(Crashed(4, 1234, "5", "ValueError", "x" * 5000, "", 0.5, 1.0, 2.0))
    crash = from_wire(marshal.loads(encode_report(wire, _shorten_crash)))
    assert isinstance(crash, Crashed)
    assert crash.exc_type == "ValueError"
    assert crash.message.startswith("xxx") and crash.message.endswith("…")


def _read_frames(buffer: bytes) -> list[tuple]:
    """Split raw pipe bytes into reports; fails on anything but whole frames."""
    reports, at = [], 0
    while at < len(buffer):
        size = int.from_bytes(buffer[at : at + FRAME_HEADER_BYTES], "big")
        at += FRAME_HEADER_BYTES
        assert 0 < size <= MAX_REPORT_BYTES, f"torn frame at byte {at}"
        assert at + size <= len(buffer), "half a report at the end"
        reports.append(marshal.loads(buffer[at : at + size]))
        at += size
    return reports


def test_writers_killed_mid_stream_leave_only_whole_reports() -> None:
    ctx = context_for(None)
    pipe = ReportPipe(ctx)
    writers = [
        ctx.Process(target=write_until_killed, args=(pipe.writer, n), daemon=True)
        for n in range(WRITERS)
    ]
    for process in writers:
        process.start()
    pipe.close_writer()
    fd = pipe.reader.fileno()
    received = bytearray()
    seen = [0] * WRITERS
    alive = set(range(WRITERS))
    deadline = time.monotonic() + DEADLINE_S
    try:
        while True:  # until every writer is dead and the pipe at end-of-file
            assert time.monotonic() < deadline, f"reports seen per writer: {seen}"
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            received += chunk
            # Count whole reports by writer (a report's first byte after
            # marshal's tuple header is not needed: decode what is complete).
            seen = [0] * WRITERS
            for writer_no, _seq, _pad in _read_frames(_complete_prefix(received)):
                seen[writer_no] += 1
            for n in sorted(alive):
                if seen[n] >= REPORTS_BEFORE_KILL:
                    os.kill(writers[n].pid, signal.SIGKILL)  # mid-stream, whatever it is doing
                    alive.discard(n)
    finally:
        for process in writers:
            process.kill()
            process.join(5)
            process.close()
        pipe.close()

    reports = _read_frames(bytes(received))
    by_writer: dict[int, list[int]] = {n: [] for n in range(WRITERS)}
    for writer_no, seq, pad in reports:
        assert pad == full_size_report(writer_no, seq)[2]
        by_writer[writer_no].append(seq)
    for writer_no, seqs in by_writer.items():
        assert len(seqs) >= REPORTS_BEFORE_KILL
        assert seqs == list(range(len(seqs))), f"writer {writer_no} lost or repeated a report"


def _complete_prefix(buffer: bytearray) -> bytes:
    """The longest prefix of ``buffer`` made of whole frames."""
    at = 0
    while at + FRAME_HEADER_BYTES <= len(buffer):
        size = int.from_bytes(buffer[at : at + FRAME_HEADER_BYTES], "big")
        if at + FRAME_HEADER_BYTES + size > len(buffer):
            break
        at += FRAME_HEADER_BYTES + size
    return bytes(buffer[:at])


def test_a_job_that_raises_reports_why_and_exits_with_status_1() -> None:
    ctx = context_for(None)
    pipe = ReportPipe(ctx)
    # A sleep time that is not a number makes the CPU workload raise TypeError.
    child = ctx.Process(
        target=run_named_job, args=(pipe.writer, 0, 1, "not a number", "cpu"), name="1"
    )
    child.start()
    pipe.close_writer()
    try:
        child.join(DEADLINE_S)
        assert child.exitcode == 1
        reports = [from_wire(wire) for wire in pipe.read_ready()]
    finally:
        if child.exitcode is None:
            child.kill()
            child.join(5)
        child.close()
        pipe.close()
    assert [type(report).__name__ for report in reports] == ["Started", "Crashed"]
    crash = reports[1]
    assert crash.name == "1" and crash.exc_type == "TypeError" and crash.message
    assert crash.started_mono == reports[0].t_mono <= crash.t_mono
    assert "busy_work" in crash.detail

"""Why a job did not succeed, as data: a kind and its details, never a sentence.

The engine says *what happened* (:class:`Failure`); the words are made in one
place per language: the command line's English in :mod:`workers.cli.words`,
the window's translated text in :mod:`gui.words`, both from the same kinds.
A test fails when either leaves a kind without words.

Details are plain values (host, port, HTTP status, signal name, exception
type, limits). ``message`` and ``detail`` hold text that came from outside
the app (an exception's own text, an OpenSSL message, a traceback): shown as
technical detail, never as the sentence itself.

Imported by pool workers (a :class:`Failure` travels back inside a
``FetchOutcome``) but never by named children, which report plain tuples.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class FailureKind(str, Enum):
    """What went wrong. The value is stable: it is what CSV and JSON carry.

    The comment after each kind names the :class:`Failure` fields it fills.
    """

    # -- the URL itself --------------------------------------------------
    BLANK_URL = "blank_url"  # (none)
    BAD_URL = "bad_url"  # message: what the parser said
    SCHEME_NOT_ALLOWED = "scheme"  # scheme
    URL_TOO_LONG = "url_too_long"  # count: its length, limit: the longest allowed
    CREDENTIALS_REFUSED = "credentials"  # host: user:password@ in a URL is not sent
    # -- the network -----------------------------------------------------
    HOST_NOT_FOUND = "dns"  # host
    REFUSED = "refused"  # host, port
    TIMEOUT = "timeout"  # limit: the deadline in seconds; count: bytes read by then
    TLS_CERTIFICATE = "tls_certificate"  # host, message: the verifier's reason
    TLS = "tls"  # host, message
    NO_ANSWER = "no_answer"  # host, port: closed the connection without answering
    RESET = "reset"  # host, port
    CLOSED_EARLY = "closed_early"  # count: bytes received, expected: Content-Length
    CONNECTION = "connection"  # host, port, exc_type, message: any other socket error
    # -- the answer ------------------------------------------------------
    HTTP_STATUS = "http"  # status, phrase (as the server sent it, may be "")
    TOO_LARGE = "too_large"  # limit: the cap in bytes; count: bytes seen or declared
    REDIRECT_SCHEME = "redirect_scheme"  # scheme: where the redirect pointed
    TOO_MANY_REDIRECTS = "redirects"  # limit: the most redirects followed
    # -- the process or thread -------------------------------------------
    START_FAILED = "start_failed"  # exc_type, message: why the OS could not start it
    CRASHED = "crashed"  # exc_type, message, detail: the job raised (traceback)
    EXITED = "exited"  # exit_code: ended without reporting a result
    WORKER_DIED = "worker_died"  # exit_code, pid: the pool worker holding it exited
    POOL_BROKE_AGAIN = "pool_broke_again"  # (none): retried once, broke again
    LOST = "lost"  # pid: the process vanished and no exit status could be read
    # -- a cluster of workers (an executor such as Dask's) ---------------------
    #: host: the scheduler's address, limit: the seconds waited, message: the last error
    SCHEDULER_UNREACHABLE = "scheduler_unreachable"
    CLUSTER_FAILED = "cluster_failed"  # exc_type, message: the cluster would not start
    #: host: the worker's address, pid: its process (None if unknown); it held the job
    CLUSTER_WORKER_DIED = "cluster_worker_died"
    NO_CLUSTER_WORKERS = "no_cluster_workers"  # host: the scheduler's address
    # -- not failures, but not done either ---------------------------------
    KILLED = "killed"  # signal, pid: killed by a signal nobody in the app sent
    STOPPED = "stopped"  # signal (or "" where nothing can be killed): ended by Stop
    NEVER_STARTED = "never_started"  # (none): cancelled before it started
    # -- anything unforeseen -----------------------------------------------
    ERROR = "error"  # exc_type, message, detail


@dataclass(frozen=True)
class Failure:
    """One failure: its kind and the details that kind fills (see
    :class:`FailureKind`). Plain values only, so it pickles and exports."""

    kind: FailureKind
    host: str = ""  # host name as the URL has it (credentials never included)
    port: int | None = None
    status: int | None = None  # HTTP status code
    phrase: str = ""  # the HTTP reason phrase the server sent
    scheme: str = ""  # a refused URL scheme
    signal: str = ""  # signal name, e.g. "SIGKILL"
    exit_code: int | None = None
    pid: int | None = None  # the process the failure is about, when not the job's own
    exc_type: str = ""  # Python exception class name
    message: str = ""  # outside text: the exception's or the OS's own words
    limit: float | None = None  # a limit that was reached (seconds, bytes or a count)
    count: int | None = None  # how far it got (bytes, length)
    expected: int | None = None  # what was promised (Content-Length)
    detail: str = ""  # long technical text for a tooltip or --verbose (traceback)


__all__ = ["Failure", "FailureKind"]

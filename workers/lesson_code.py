"""The runnable Python equivalent of the current settings, in the lesson's style.

:func:`named_script` is the lesson's first script (processes named "1".."N"
squaring their number, or the same with ``threading.Thread``), and
:func:`pool_script` its second (``ProcessPoolExecutor`` fetching URLs, or a
``ThreadPoolExecutor``), each with the chosen start method, worker count,
sleep range, workload and URLs. The window shows the text as it is made
here, so what is copied is exactly what runs.

Where the lesson's script would not run as written the script says why in a
comment: the start method is explicit (``multiprocessing.get_context``); the
pool's work is under ``if __name__ == '__main__':`` (spawn and forkserver
import the script again in every worker); a page's size travels back, not
the page; an HTTP error travels back as its words, since the error itself
holds the connection and cannot be pickled (the lesson printed "cannot
pickle '_io.BufferedReader' object"). The lines printed are the lesson's.

Qt-free; nothing here runs the code.
"""

from __future__ import annotations

from workers.executors import get_executor
from workers.options import NamedOptions, PoolOptions
from workers.start_method_choices import default_start_method

_INDENT = "    "


def _number(value: float) -> str:
    """A number as Python source: ``3``, ``0.5``, ``60``."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _wait_line(options: NamedOptions) -> str:
    """The job's first line: sleep (or busy work) for a random time, or nothing."""
    low, high = options.sleep_min, options.sleep_max
    if high <= 0:
        return ""
    seconds = _number(low) if low == high else f"random.uniform({_number(low)}, {_number(high)})"
    verb = "busy_work" if options.workload == "cpu" else "time.sleep"
    return f"{_INDENT}{verb}({seconds})\n"


_BUSY_WORK = """

def busy_work(seconds):
    # Arithmetic instead of sleeping, so the job keeps one core busy.
    end = time.monotonic() + seconds
    x = 0
    while time.monotonic() < end:
        x = (x * 31 + 7) % 1_000_003
"""


def named_script(options: NamedOptions) -> str:
    """The named experiment as a script (see the module docstring)."""
    threads = options.run_as == "threads"
    count = options.processes
    wait = _wait_line(options)
    imports = ["import os"]
    if wait and "random." in wait:
        imports.append("import random")
    if threads:
        imports.append("import threading")
    if wait:
        imports.append("import time")
    if not threads:
        imports = [
            "import multiprocessing",
            *imports,
            "from multiprocessing import current_process",
        ]
    method = options.start_method or default_start_method()

    if threads:
        what = f"{count} threads named 1..{count}, in this one process"
    else:
        what = f"{count} processes named 1..{count}, started by {method}"
    out = [f"# Process Lab, named processes:\n# {what}.\n"]
    out.append("\n".join(imports) + "\n")
    if threads:
        out.append(
            "\n# The threads share this process's stdout: one prints at a time, "
            "so lines do not mix.\nprint_lock = threading.Lock()\n"
        )
    if options.workload == "cpu" and wait:
        out.append(_BUSY_WORK)
    name_of = "thread_name" if threads else "process_name"
    label = "Thread Name" if threads else "Process Name"
    out.append("\n\ndef square(n):\n")
    out.append(wait)
    out.append(f"{_INDENT}process_id = os.getpid()\n")
    if threads:
        out.append(f"{_INDENT}thread_name = threading.current_thread().name\n")
    else:
        out.append(f"{_INDENT}process_name = current_process().name\n")
    out.append(f"{_INDENT}result = n * n\n")
    body = _INDENT * 2 if threads else _INDENT
    if threads:
        out.append(f"{_INDENT}with print_lock:\n")
    out.append(f'{body}print(f"Process ID: {{process_id}}, {label}: {{{name_of}}}")\n')
    out.append(f'{body}print(f"Result of {{n}} square : {{result}}")\n')

    many = "threads" if threads else "processes"
    one = "thread" if threads else "process"
    maker = "threading.Thread" if threads else "ctx.Process"
    out.append("\n\nif __name__ == '__main__':\n")
    if not threads:
        out.append(f"{_INDENT}ctx = multiprocessing.get_context({method!r})\n")
    out.append(
        f"{_INDENT}parent_process_id = os.getpid()\n"
        f'{_INDENT}print(f"Parent process ID {{parent_process_id}}")\n'
        f"{_INDENT}{many} = list()\n"
        f"{_INDENT}for i in range(1, {count + 1}):\n"
        f"{_INDENT * 2}t = {maker}(name=str(i), target=square, args=(i,))\n"
        f"{_INDENT * 2}{many}.append(t)\n"
        f"{_INDENT * 2}t.start()\n"
        f"{_INDENT}for {one} in {many}:\n"
        f"{_INDENT * 2}{one}.join()\n"
        f'{_INDENT}print("Main-Processing Done!")\n'
    )
    return "".join(out)


def pool_script(options: PoolOptions) -> str:
    """The pool experiment as a script (see the module docstring)."""
    method = options.start_method or default_start_method()
    settings = dict(options.executor_settings)
    made = get_executor(options.executor).script(options.workers, method, settings)
    what, executor = made.what, made.make
    # The executor's "from" imports (Dask's: a package of its own) go last,
    # after the standard library's, as a group of their own.
    imports = ["import concurrent.futures", *(i for i in made.imports if i.startswith("import "))]
    packages = [i for i in made.imports if not i.startswith("import ")]
    if not options.verify_tls:
        imports.append("import ssl")
    imports += ["import urllib.error", "import urllib.request"]

    pages = "1 page" if len(options.urls) == 1 else f"{len(options.urls)} pages"
    out = [f"# Process Lab, process pool: {pages} fetched by\n# {what}.\n"]
    out.append("\n".join(imports) + "\n\n")
    if packages:
        out.append("\n".join(packages) + "\n\n")
    out.append("URLS = [\n")
    out.extend(f"{_INDENT}{url!r},\n" for url in options.urls)
    out.append("]\n")
    context = ""
    if not options.verify_tls:
        out.append(
            "\n# Certificates are not checked, as in the lesson: any site could pretend\n"
            "# to be these. Unsafe outside a classroom.\n"
            "UNCHECKED = ssl.create_default_context()\n"
            "UNCHECKED.check_hostname = False\n"
            "UNCHECKED.verify_mode = ssl.CERT_NONE\n"
        )
        context = ", context=UNCHECKED"
    if not made.in_other_process:
        why_size = "Only the page's size is kept, not the page."
        why_words = [
            "Its words, as the process pool sends them back (there the error",
            "itself, holding the open connection, cannot be pickled).",
        ]
    else:
        why_size = "The page's size travels back to the main process, not the page."
        why_words = [
            "The error holds the open connection, which cannot be pickled:",
            "send its words back instead.",
        ]
    words = 'f"HTTP {exc.code} {exc.reason}"'
    if made.sends_error_context:
        why_words = [
            "The error holds the open connection, which cannot be pickled, not even",
            "as the context of another error: keep its words, raise them outside.",
        ]
        raising = f"{_INDENT * 2}words = {words}\n{_INDENT}raise RuntimeError(words)\n"
    else:
        raising = f"{_INDENT * 2}raise RuntimeError({words}) from None\n"
    out.append(
        "\n\ndef load_url(url, timeout):\n"
        f"{_INDENT}# {why_size}\n"
        f"{_INDENT}try:\n"
        f"{_INDENT * 2}with urllib.request.urlopen(url, timeout=timeout{context}) as conn:\n"
        f"{_INDENT * 3}return len(conn.read())\n"
        f"{_INDENT}except urllib.error.HTTPError as exc:\n"
        + "".join(f"{_INDENT * 2}# {line}\n" for line in why_words)
        + raising
    )
    timeout = _number(options.timeout)
    loop = (
        "for future in concurrent.futures.as_completed(future_to_url):\n"
        if options.as_completed_timeout is None
        else "for future in concurrent.futures.as_completed("
        f"future_to_url, timeout={_number(options.as_completed_timeout)}):\n"
    )
    report = (
        "url = future_to_url[future]\n"
        "try:\n"
        f"{_INDENT}size = future.result()\n"
        "except Exception as exc:\n"
        f"{_INDENT}print('%r generated an exception: %s' % (url, exc))\n"
        "else:\n"
        f"{_INDENT}print('%r page is %d bytes' % (url, size))\n"
    )
    out.append("\n\nif __name__ == '__main__':\n")
    out.extend(f"{_INDENT}{line}\n" for line in made.setup.splitlines())
    out.append(f"{_INDENT}with {executor} as executor:\n")
    inner = _INDENT * 2
    out.append(
        f"{inner}future_to_url = {{executor.submit(load_url, url, {timeout}): url "
        "for url in URLS}\n"
    )
    if options.as_completed_timeout is None:
        out.append(f"{inner}{loop}")
        out.extend(f"{inner}{_INDENT}{line}\n" for line in report.splitlines())
    else:
        out.append(f"{inner}try:\n{inner}{_INDENT}{loop}")
        out.extend(f"{inner}{_INDENT * 2}{line}\n" for line in report.splitlines())
        out.append(
            f"{inner}except concurrent.futures.TimeoutError:\n"
            f"{inner}{_INDENT}print('as_completed timed out after "
            f"{_number(options.as_completed_timeout)} s; the rest finish before the end')\n"
        )
    return "".join(out)


__all__ = ["named_script", "pool_script"]

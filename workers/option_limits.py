"""The experiments' choices, bounds and defaults, as plain constants.

Apart from :mod:`workers.options` (the settings' classes and their checks):
the window's controls read these before its first paint, and need nothing
else of it until a run is made.
"""

WORKLOADS = ("sleep", "cpu")
#: How the named experiment runs its jobs: a process each (the lesson), or a
#: thread each (``threading.Thread(name=str(i))``) in this process, to compare.
RUN_AS = ("processes", "threads")
MAX_NICENESS = 19  # the lowest priority a Unix process can give itself
MAX_POOL_WORKERS = 61  # Windows' limit for ProcessPoolExecutor; also sane here
DEFAULT_FETCH_TIMEOUT_S = 60.0  # the lesson's load_url(url, 60)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a page larger than this is refused

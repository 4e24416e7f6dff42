"""The Dask executor's settings' defaults and bounds, as plain constants.

Apart from the plug-in (:mod:`workers.executors.dask`), which imports the
executors' base classes: the window's cluster row reads these before its
first paint, and needs nothing else of the plug-in.
"""

#: ``scheduler`` for a cluster started here.
LOCAL = "local"
#: The port of a scheduler address given without one (Dask's own default).
DEFAULT_PORT = 8786
#: A local cluster's worker processes unless told otherwise.
DEFAULT_WORKERS = 2
#: The most worker processes a local cluster starts (each is a Python
#: process of about 100 MB).
MAX_WORKERS = 32
#: How long to try reaching a scheduler before saying it cannot be reached.
DEFAULT_CONNECT_TIMEOUT_S = 10.0

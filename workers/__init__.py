"""The engine: both experiments, their event protocol and the demo site.

Qt-free and cheap to import: every child process re-imports it.
"""

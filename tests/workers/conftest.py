"""Fixtures for the engine's tests.

``demo_site`` lives in tests/conftest.py, so the GUI tests can share it.
"""

from __future__ import annotations

"""Colours and sizes: one palette per theme, one zoom."""

"""Experiment runs driven by ``poll()``: what is common to all, the named
processes and the pool."""

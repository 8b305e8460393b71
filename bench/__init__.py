"""Benchmarks: ``python -m bench`` (or ``make bench``) runs every bench module present."""

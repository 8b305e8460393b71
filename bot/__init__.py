"""copbot's platform-free core: the whole routine of a Community of Practice.

Nothing in this package may import a chat platform SDK, a web framework, APScheduler,
``adapters`` or ``scheduler`` (``tests/test_architecture.py`` enforces it).
"""

"""The package version, in a module that imports nothing: no module needs ``slack/__init__`` for it."""
__all__ = ["__version__"]

__version__ = "0.1.0"

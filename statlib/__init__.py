"""statlib: the shared library behind the performance-review notebooks."""

from statlib.errors import StatlibError

__all__ = ["StatlibError"]
__version__ = "0.1.0"

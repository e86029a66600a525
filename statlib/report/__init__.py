"""Review pages: sections drawn from computed results, one call per notebook cell."""

from statlib.report.review import Review, open_review

__all__ = ["Review", "open_review"]

"""The curriculum engine: load `content/`, validate it, render generated pages, export data.

Independent of MkDocs: `hooks/atlas.py` is the thin adapter that calls it.
"""

from .loader import load
from .problems import ContentError, Problem

__all__ = ["ContentError", "Problem", "load"]

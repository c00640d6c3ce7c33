"""The curriculum engine: load `content/`, validate it, render generated pages, export data.

Independent of MkDocs: `hooks/atlas.py` is the thin adapter that calls it, and
`python -m curriculum` is its command line. What they use is exported here;
CONTRIBUTING.md ("Changing the engine") maps the modules.
"""

from .plan.hosting import Hosting
from .plan.titles import tab_title
from .problems import ContentError, Problem
from .repository import MissingAsset
from .site.build import ProblemsPreview, refused_assets, start
from .site.site import Site, load, site_root_path

__all__ = ["ContentError", "Hosting", "MissingAsset", "Problem", "ProblemsPreview", "Site", "load", "refused_assets", "site_root_path", "start",
           "tab_title"]

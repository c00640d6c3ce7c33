"""Write site.zip: the built site, ready to unzip and open index.html from disk.

Python's zipfile rather than the `zip` command: a fresh machine may not have
`zip`, and here we fix every entry's date and order so two runs give the same
bytes (dates come from SOURCE_DATE_EPOCH, else 1980-01-01).
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path


def write_zip(site: Path, target: Path) -> int:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800)
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    files = sorted(p for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"ai-engineering-atlas/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return len(files)


if __name__ == "__main__":
    site, target = Path(sys.argv[1] if len(sys.argv) > 1 else "site"), Path(sys.argv[2] if len(sys.argv) > 2 else "site.zip")
    if not (site / "index.html").is_file():
        sys.exit(f"{site}/index.html is missing: run `make build` first")
    count = write_zip(site, target)
    print(f"wrote {target} ({count} files, {target.stat().st_size // 1024} KB): unzip it and open ai-engineering-atlas/index.html")

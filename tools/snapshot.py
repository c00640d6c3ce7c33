"""Build the sites of two revisions from the same inputs and say where they differ.

    python tools/snapshot.py [--base REV] [--against REV] [--sort-link-attributes] [--show N]

A refactor of the engine should leave every built file as it was. This builds,
for the revision `--base` (default HEAD) and for `--against` (default: the
working tree, uncommitted changes included), three sites:

- real:    the revision's own content/;
- fixture: tests/fixtures/mini with the samples page, as the tests build it;
- synth3:  a curriculum three times the real size, from bench/synth.py.

The fixture and the synthetic content are taken from the working tree for both
revisions, so only the engine, templates and theme differ between the builds.
Every build uses the same SOURCE_DATE_EPOCH and hash seed. A committed
revision is extracted with `git archive` into .snapshots/<commit>/ and built
once; its sites are kept there for the next comparison. Then each pair of
sites is compared file by file; `--sort-link-attributes` compares every <a>
tag with its attributes sorted (moving where `rel` is written changes nothing
a browser reads). Exit status 0 when the sites are identical, 1 when they differ.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".snapshots"
EPOCH = "1700000000"
SITES = ("real", "fixture", "synth3")
DONE = ".complete"  # written last into a commit's folder: a build cut short is built again


def resolve(rev: str) -> str:
    found = subprocess.run(["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True, text=True, check=False)
    if found.returncode != 0:
        raise SystemExit(f"unknown revision {rev!r}: {found.stderr.strip()}")
    return found.stdout.strip()


def extract(commit: str, tree: Path) -> None:
    """The files of `commit` in `tree`, with the working tree's node_modules beside them."""
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    with tempfile.TemporaryFile() as archive:
        subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT, stdout=archive, check=True)
        archive.seek(0)
        with tarfile.open(fileobj=archive) as tar:
            tar.extractall(tree, filter="data")
    (tree / "node_modules").symlink_to(ROOT / "node_modules")


def inputs(work: Path) -> dict[str, Path | None]:
    """The content folder of each site (None: the tree's own content/), written once per run."""
    fixture = work / "fixture"
    if not fixture.is_dir():
        shutil.copytree(ROOT / "tests" / "fixtures" / "mini", fixture)
        for sample in (ROOT / "tests" / "fixtures" / "samples").iterdir():
            shutil.copy(sample, fixture / sample.name)
        with (fixture / "index.md").open("a", encoding="utf-8") as home:  # as tests/sitebuild.py's add_samples
            home.write("\n\nEvery kind of block: [the samples](samples.md).\n")
    synth3 = work / "synth3"
    if not synth3.is_dir():
        sys.path.insert(0, str(ROOT / "bench"))
        import synth

        synth.generate(synth3, 3.0, seed=0)
    return {"real": None, "fixture": fixture, "synth3": synth3}


def build(tree: Path, name: str, content: Path, out: Path) -> None:
    """`mkdocs build --strict` of `content` with the hooks, templates and theme of `tree`, into `out`."""
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(content), site_dir=str(out), watch=[], hooks=[str(tree / "hooks" / "atlas.py")])
    config["theme"]["custom_dir"] = str(tree / "templates" / "theme")
    config_file = out.parent / f"{name}.mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="0", NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(tree / "hooks"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config_file)],
                            cwd=out.parent, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the {name} site of {tree} did not build:\n{result.stderr[-3000:]}")


def snapshot(rev: str | None, scratch: Path) -> Path:
    """The folder holding the three sites of `rev` (None: the working tree), built if need be."""
    content = inputs(scratch)
    if rev is None:
        tree, folder = ROOT, WORK / "worktree"
    else:
        commit = resolve(rev)
        folder = WORK / commit[:12]
        if (folder / DONE).exists():
            return folder
        tree = folder / "tree"
        extract(commit, tree)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DONE).unlink(missing_ok=True)
    for name in SITES:
        print(f"  building {name} of {rev or 'the working tree'} ...", flush=True)
        build(tree, name, content[name] or tree / "content", folder / name)
    (folder / DONE).touch()
    return folder


_LINK = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")


def sort_link_attributes(text: str) -> str:
    """Every <a ...> tag of `text` with its attributes in sorted order."""
    return _LINK.sub(lambda tag: "<a " + " ".join(sorted(_ATTRIBUTE.findall(tag[0][2:-1]))) + ">", text)


def files_of(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def compare(a: Path, b: Path, sort_links: bool, show: int) -> list[str]:
    """What differs between two sites, one line a file (and up to `show` lines of diff for each)."""
    left, right = files_of(a), files_of(b)
    found = [f"only in {a.parent.name}: {name}" for name in sorted(set(left) - set(right))]
    found += [f"only in {b.parent.name}: {name}" for name in sorted(set(right) - set(left))]
    for name in sorted(set(left) & set(right)):
        old, new = left[name].read_bytes(), right[name].read_bytes()
        if old == new:
            continue
        if sort_links and name.endswith(".html"):
            old_text, new_text = (sort_link_attributes(data.decode("utf-8")) for data in (old, new))
            if old_text == new_text:
                continue
        found.append(f"differs: {name}")
        if show and not name.endswith((".gz", ".zip", ".png")):
            lines = difflib.unified_diff(old.decode("utf-8", "replace").splitlines(), new.decode("utf-8", "replace").splitlines(), lineterm="", n=0)
            found += [f"    {line[:200]}" for line in list(lines)[2 : 2 + show]]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD", help="the revision to compare against (default: HEAD)")
    parser.add_argument("--against", default=None, help="the other revision (default: the working tree)")
    parser.add_argument("--sort-link-attributes", action="store_true", help="compare <a> tags with their attributes sorted")
    parser.add_argument("--show", type=int, default=6, help="lines of diff shown per differing file (0: none)")
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="atlas-snapshot-") as scratch:  # outside every tree built
        base = snapshot(args.base, Path(scratch))
        other = snapshot(args.against, Path(scratch))
    status = 0
    for name in SITES:
        differences = compare(base / name, other / name, args.sort_link_attributes, args.show)
        total = len(files_of(base / name))
        if differences:
            status = 1
            changed = sum(not line.startswith("    ") for line in differences)
            print(f"{name}: {changed} of {total} files differ")
            print("\n".join(f"  {line}" for line in differences))
        else:
            print(f"{name}: all {total} files identical")
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Bench only: hooks/atlas.py with a stopwatch around each of its hooks.

The bench builds with this file as the MkDocs hook instead of hooks/atlas.py, so
the production hooks carry no timing code. Every `on_*` function of atlas.py is
wrapped; after each build one JSON line {hook: [seconds, cpu seconds, calls]} is
appended to the file named by $ATLAS_BENCH_TIMES (a serve session appends one per rebuild).
Wall time and CPU time are both kept: on a busy machine CPU time is the steadier.
"""

from __future__ import annotations

import functools
import gc
import importlib.util
import json
import os
import time
from pathlib import Path

_ATLAS = Path(__file__).resolve().parents[1] / "hooks" / "atlas.py"
_spec = importlib.util.spec_from_file_location("atlas_under_bench", _ATLAS)
atlas = importlib.util.module_from_spec(_spec)
_start, _cpu = time.perf_counter(), time.process_time()
_spec.loader.exec_module(atlas)  # imports the engine (pydantic...) the first time: our cost too

TOTALS: dict[str, list] = {"import": [time.perf_counter() - _start, time.process_time() - _cpu, 1]}  # hook -> [wall s, CPU s, calls]
_GC = {"seconds": 0.0, "full": 0, "start": 0.0}


def _gc_clock(phase: str, info: dict) -> None:
    """The cyclic GC's own time over the whole build: it grows with everything kept alive."""
    if phase == "start":
        _GC["start"] = time.perf_counter()
    else:
        _GC["seconds"] += time.perf_counter() - _GC["start"]
        _GC["full"] += info.get("generation") == 2


gc.callbacks[:] = [cb for cb in gc.callbacks if getattr(cb, "__name__", "") != "_gc_clock"]  # one per serve rebuild
gc.callbacks.append(_gc_clock)


def _timed(name: str, hook):
    @functools.wraps(hook)  # keeps MkDocs' event priority attributes, if any
    def wrapper(*args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return hook(*args, **kwargs)
        finally:
            entry = TOTALS.setdefault(name, [0.0, 0.0, 0])
            entry[0] += time.perf_counter() - start
            entry[1] += time.process_time() - cpu
            entry[2] += 1

    return wrapper


for _name in dir(atlas):
    if _name.startswith("on_") and callable(getattr(atlas, _name)):
        globals()[_name] = _timed(_name, getattr(atlas, _name))


def _write_totals() -> None:
    target = os.environ.get("ATLAS_BENCH_TIMES")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps(dict(TOTALS, _gc=[_GC["seconds"], _GC["full"]])) + "\n")
    TOTALS.clear()
    _GC.update(seconds=0.0, full=0)


_inner_post_build = globals().get("on_post_build")


def on_post_build(config):
    if _inner_post_build is not None:
        _inner_post_build(config=config)
    _write_totals()


def on_build_error(error):
    inner = getattr(atlas, "on_build_error", None)
    if inner is not None:
        inner(error=error)
    TOTALS.clear()

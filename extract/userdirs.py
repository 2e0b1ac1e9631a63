"""Where storygraph keeps what it can always make again (the caches)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$STORYGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/storygraph``, else
    ``~/.cache/storygraph``."""
    base = os.environ.get("STORYGRAPH_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "storygraph"

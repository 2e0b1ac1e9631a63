"""``python -m storygraph``: the same command as ``storygraph``."""

from storygraph.cli import main

main()

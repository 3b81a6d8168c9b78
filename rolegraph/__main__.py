"""``python -m rolegraph``: the command line."""

from rolegraph.cli import run

run()

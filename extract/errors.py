"""The exception hierarchy. Every error storygraph raises on purpose is a StorygraphError.

It lives in ``extract`` because ``extract`` is the bottom of the dependency graph:
``graph`` imports it from here, and the CLI turns any of them into ``Error: …`` + exit 1.
Messages say what went wrong *and* how to fix it.
"""

from __future__ import annotations


class StorygraphError(Exception):
    """Root of all storygraph errors."""


class InputError(StorygraphError):
    """The paths given to a command do not exist or hold no story files."""


class StrictLoadError(StorygraphError):
    """``--strict`` was given and at least one file could not be loaded."""


class ModelNotFoundError(StorygraphError):
    """No spaCy pipeline could be loaded."""


class AliasFileError(StorygraphError):
    """An aliases file is not valid YAML or does not have the expected shape."""


class GraphFileError(StorygraphError):
    """A graph.json (or other graph file) cannot be read."""


class UnknownEntityError(StorygraphError):
    """A name asked for is not in the graph."""


class GoldFileError(StorygraphError):
    """A gold-annotation file is invalid or names stories that are not in the corpus."""


class ExportError(StorygraphError):
    """A graph could not be exported in the requested format."""


class Neo4jError(StorygraphError):
    """Talking to Neo4j failed (connection, authentication, query)."""

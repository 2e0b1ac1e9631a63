"""The exception hierarchy. Every error storygraph raises on purpose is a StorygraphError.

The root lives in ``extract``, the bottom of the dependency graph, with the errors that
``extract`` raises; each module of ``graph`` defines the errors it raises. The CLI turns
any of them into ``Error: …`` + exit 1.
Messages say what went wrong *and* how to fix it.
"""

from __future__ import annotations


class StorygraphError(Exception):
    """Root of all storygraph errors."""


class InputError(StorygraphError):
    """The paths given to a command do not exist or hold no story files."""


class ModelNotFoundError(StorygraphError):
    """No spaCy pipeline could be loaded."""


class AliasFileError(StorygraphError):
    """An aliases file is not valid YAML or does not have the expected shape."""


class NerProcessError(StorygraphError):
    """A NER process died while it had work (killed by the system, or crashed)."""

"""From story documents to entities: loading, text repair, NER and resolution.

This package never imports :mod:`graph`; data flows one way (see DESIGN.md).
"""

from extract.errors import StorygraphError

__all__ = ["StorygraphError"]

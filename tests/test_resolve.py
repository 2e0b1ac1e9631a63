"""Resolution of surface forms to canonical entities."""

from __future__ import annotations

import pytest

from extract.ner import Mention
from extract.resolve import Resolver, clean_surface


@pytest.mark.parametrize(("surface", "clean"), [
    ("Amazon's", "Amazon"),
    ("Amazon\u2019s", "Amazon"),
    ("  Brad   Smith ", "Brad Smith"),
    ("\u201cClearview AI\u201d", "Clearview AI"),
    ("Reuters'", "Reuters"),
    ("U.S.", "U.S."),
])
def test_clean_surface(surface, clean):
    assert clean_surface(surface) == clean


def test_resolver_keeps_surface_and_field():
    mentions = {"u1": [Mention("Amazon\u2019s", "ORG", "organization", "title", 0, 8)]}
    (r,) = Resolver().resolve(mentions)["u1"]
    assert (r.name, r.kind, r.surface, r.field) == ("Amazon", "organization", "Amazon\u2019s", "title")

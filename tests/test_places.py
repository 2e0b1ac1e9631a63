"""The place gazetteer compiled from GeoNames and ISO 3166, and the news conventions."""

from __future__ import annotations

from extract.aliases import AliasTable, load_aliases
from extract.kinds import LABEL_KINDS
from extract.names import fold_name
from extract.ner import Mention
from extract.places import builtin
from extract.resolve import Resolver


def ment(text: str, label: str, start: int = 5) -> Mention:
    return Mention(text, label, LABEL_KINDS[label], "excerpt", start, start + len(text))


def names(resolver: Resolver, stories: dict[str, list[Mention]]) -> dict[str, set[tuple[str, str]]]:
    return {k: {(r.kind, r.name) for r in v} for k, v in resolver.resolve(stories).items()}


def test_the_gazetteer_knows_countries_subdivisions_and_cities():
    g = builtin()
    assert g.best("France").kind == "country"
    assert g.best("Ontario", kinds=("state",)).country == "CA"
    assert g.best("Maharashtra").name == "Maharashtra"  # no transliteration marks
    assert g.best("Sao Paulo").name == "São Paulo"
    assert g.best("SAO PAULO", kinds=("city",)).population > 10_000_000
    assert fold_name("SÃO  Paulo", accents=False) == "sao paulo"
    assert fold_name("Women’s  Health") == fold_name("women's health")
    assert g.is_unmistakable("Tokyo") and not g.is_unmistakable("Delta")


def test_a_story_chooses_among_places_of_one_name():
    g = builtin()
    assert g.best("Portland", ["US"]).country == "US"
    assert g.best("Cambridge", ["GB"]).country == "GB"
    assert g.best("Cambridge", ["US"]).country == "US"


def test_old_names_of_small_towns_are_not_places():
    assert builtin().best("Hindenburg") is None  # an old name of Zabrze


def test_places_resolve_through_the_gazetteer():
    r = Resolver(load_aliases())
    got = names(r, {"a": [ment("Sao Paulo", "GPE")], "b": [ment("France", "ORG")],
                    "c": [Mention("SAO PAULO", "GPE", "place", "excerpt", 0, 9)]})
    assert got["a"] == got["c"] == {("place", "São Paulo")}
    assert got["b"] == {("place", "France")}


def test_washington_is_the_capital_unless_the_story_is_about_the_state():
    r = Resolver(load_aliases())
    got = names(r, {"a": [ment("Washington", "GPE")],
                    "b": [ment("Washington", "GPE"), ment("Seattle", "GPE")]})
    assert got["a"] == {("place", "Washington, D.C.")}
    assert ("place", "Washington") in got["b"]


def test_a_small_town_name_does_not_block_a_company_of_the_story():
    got = names(Resolver(AliasTable()), {"a": [ment("Delta Air Lines", "ORG"), ment("Delta", "GPE")]})
    assert got["a"] == {("organization", "Delta Air Lines")}


def test_a_country_prefix_from_the_data_splits_an_institution_a_state_s_does_not():
    got = names(Resolver(AliasTable()), {"a": [ment("Queensland State Court", "ORG")],
                                         "b": [ment("Fulton County Court", "ORG")],
                                         "c": [ment("Kenya Revenue Authority", "ORG")]})
    # a state's institution is its own, not a country's of the same name
    assert got["a"] == {("organization", "Queensland State Court")}
    assert got["b"] == {("organization", "Fulton County Court")}
    assert got["c"] == {("place", "Kenya"), ("organization", "Revenue Authority")}

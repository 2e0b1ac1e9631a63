"""Resolution of surface forms to canonical entities, step by step.

These tests use a small alias table of their own, so they test the rules, not the data.
"""

from __future__ import annotations

import json

import pytest

from extract.aliases import AliasTable, load_aliases
from extract.errors import AliasFileError
from extract.kinds import LABEL_KINDS
from extract.ner import Mention
from extract.resolve import (
    Resolver,
    clean_surface,
    initials,
    strip_honorifics,
    strip_leading_the,
    strip_legal_suffix,
)

TABLE_DATA = {
    "organizations": [
        {"name": "Federal Trade Commission", "aliases": ["FTC"]},
        {"name": "European Union", "aliases": ["EU", "E.U."]},
        {"name": "Amazon", "aliases": ["Amazon.com"]},
        {"name": "Microsoft"},
        {"name": "Google"},
        {"name": "Facebook"},
        {"name": "The New York Times", "aliases": ["New York Times"]},
        {"name": "Competition and Markets Authority", "aliases": ["CMA"]},
        {"name": "SoftBank"},
    ],
    "people": [{"name": "Joe Biden"}],
    "places": [
        {"name": "United States", "aliases": ["U.S.", "US", "America"]},
        {"name": "United Kingdom", "aliases": ["UK", "U.K.", "Britain"]},
        {"name": "Detroit"},
    ],
    "junk": ["AI", "Big Tech"],
}


@pytest.fixture()
def table() -> AliasTable:
    t = AliasTable()
    t.merge(TABLE_DATA, "test")
    return t


def ment(text: str, label: str = "ORG", field: str = "excerpt") -> Mention:
    return Mention(text, label, LABEL_KINDS[label], field, 0, len(text))


def names(resolver: Resolver, stories: dict[str, list[Mention]]) -> dict[str, set[tuple[str, str]]]:
    return {k: {(r.kind, r.name) for r in v} for k, v in resolver.resolve(stories).items()}


# -- cleaning -------------------------------------------------------------------------
@pytest.mark.parametrize(("surface", "clean"), [
    ("Amazon's", "Amazon"),
    ("Amazon\u2019s", "Amazon"),
    ("Alphabet Inc.\u2019s", "Alphabet Inc."),
    ("  Brad   Smith ", "Brad Smith"),
    ("\u201cClearview AI\u201d", "Clearview AI"),
    ("Reuters'", "Reuters"),
    ("U.S.", "U.S."),
])
def test_clean_surface(surface, clean):
    assert clean_surface(surface) == clean


def test_leading_the_kept_only_when_part_of_a_known_name(table):
    assert strip_leading_the("the Federal Trade Commission", table) == "Federal Trade Commission"
    assert strip_leading_the("The New York Times", table) == "The New York Times"


@pytest.mark.parametrize(("raw", "bare"), [
    ("Microsoft Corp.", "Microsoft"), ("Intel Corp", "Intel"), ("SoftBank Group Corp", "SoftBank"),
    ("Deutsche Bank AG", "Deutsche Bank"), ("HSBC Holdings plc", "HSBC"), ("Clearview AI", "Clearview AI"),
    ("Acme LLC", "Acme"),
])
def test_strip_legal_suffix(raw, bare):
    assert strip_legal_suffix(raw) == bare


def test_honorifics_and_initials():
    assert strip_honorifics("President Joe Biden") == "Joe Biden"
    assert strip_honorifics("Attorney General Merrick Garland") == "Merrick Garland"
    assert strip_honorifics("President") == "President"
    assert initials("Federal Trade Commission") == "FTC"
    assert initials("Department of Justice") == "DJ"
    assert initials("Competition and Markets Authority") == "CMA"


# -- per span -------------------------------------------------------------------------
def test_alias_table_resolves_and_corrects_kind(table):
    r = Resolver(table)
    got = names(r, {"a": [ment("U.S.", "GPE"), ment("EU", "GPE"), ment("Amazon.com's"),
                          ment("the Federal Trade Commission")]})
    assert got["a"] == {("place", "United States"), ("organization", "European Union"),
                        ("organization", "Amazon"), ("organization", "Federal Trade Commission")}


def test_country_prefix_becomes_its_own_place(table):
    got = names(Resolver(table), {"a": [ment("US Federal Trade Commission"),
                                        ment("UK's Competition and Markets Authority"),
                                        ment("U.S. Office of Technology Assessment")]})
    assert got["a"] == {("place", "United States"), ("organization", "Federal Trade Commission"),
                        ("place", "United Kingdom"), ("organization", "Competition and Markets Authority"),
                        ("organization", "Office of Technology Assessment")}


def test_country_word_not_split_from_ordinary_names(table):
    got = names(Resolver(table), {"a": [ment("US Steel")]})
    assert got["a"] == {("organization", "US Steel")}


def test_lists_and_fragments_around_known_names(table):
    got = names(Resolver(table), {"a": [ment("Google, Facebook Inc.", field="title"),
                                        ment("Atop Microsoft Corp.", field="title")]})
    assert got["a"] == {("organization", "Google"), ("organization", "Facebook"),
                        ("organization", "Microsoft")}


def test_junk_is_dropped(table):
    got = names(Resolver(table), {"a": [ment("AI", "GPE"), ment("Big Tech"), ment("2020", "GPE"),
                                        ment("X"), ment("--", "PERSON"), ment("GPT-4"),
                                        ment("GLP-1", "PERSON"), ment("F-35")]})
    assert got["a"] == set()


def test_a_word_for_a_kind_of_company_is_no_name(table):
    # "Drugmaker GlaxoSmithKline says": the first word is capitalised only by the sentence
    got = names(Resolver(table), {"a": [ment("Drugmaker"), ment("Startup"), ment("Automaker"),
                                        ment("GlaxoSmithKline")]})
    assert got["a"] == {("organization", "GlaxoSmithKline")}


def test_all_caps_dateline_is_the_place(table):
    got = names(Resolver(table), {"a": [ment("DETROIT")]})
    assert got["a"] == {("place", "Detroit")}


# -- per article and corpus -------------------------------------------------------------
def test_acronym_joins_long_form_in_the_same_article():
    r = Resolver(AliasTable())
    got = names(r, {"a": [ment("National Highway Traffic Safety Administration"), ment("NHTSA")],
                    "b": [ment("NHTSA")]})
    assert got["a"] == {("organization", "National Highway Traffic Safety Administration")}
    # corpus-wide: the only long form with those initials
    assert got["b"] == {("organization", "National Highway Traffic Safety Administration")}


def test_acronym_with_two_possible_long_forms_stays():
    r = Resolver(AliasTable())
    got = names(r, {"a": [ment("Civil Liberties Union"), ment("Clean Lakes Union")],
                    "b": [ment("CLU")]})
    assert got["b"] == {("organization", "CLU")}


def test_person_short_name_same_article_then_corpus():
    r = Resolver(AliasTable())
    got = names(r, {"a": [ment("Sam Altman", "PERSON"), ment("Altman", "ORG")],
                    "b": [ment("Altman", "PERSON")],
                    "c": [ment("Robert Williams", "PERSON"), ment("Serena Williams", "PERSON")],
                    "d": [ment("Williams", "PERSON")]})
    assert got["a"] == {("person", "Sam Altman")}
    assert got["b"] == {("person", "Sam Altman")}
    assert got["d"] == {("person", "Williams")}  # two full names fit: no guess


def test_org_short_name_joins_longer_name_in_article():
    got = names(Resolver(AliasTable()), {"a": [ment("Clearview AI"), ment("Clearview")]})
    assert got["a"] == {("organization", "Clearview AI")}


def test_variants_differing_by_final_s_join_the_commoner():
    r = Resolver(AliasTable())
    got = names(r, {"a": [ment("Farmington Hills", "GPE")], "b": [ment("Farmington Hills", "GPE")],
                    "c": [ment("Farmington Hill", "GPE")]})
    assert got["c"] == {("place", "Farmington Hills")}


def test_kind_vote_majority_and_ties(table):
    r = Resolver(table)
    got = names(r, {"a": [ment("OpenAI", "PERSON")], "b": [ment("OpenAI", "GPE")],
                    "c": [ment("OpenAI", "ORG")], "d": [ment("OpenAI", "ORG")]})
    assert all(v == {("organization", "OpenAI")} for v in got.values())
    tie = names(r, {"a": [ment("Acme", "PERSON")], "b": [ment("Acme", "GPE")]})
    assert tie["a"] == {("place", "Acme")}  # tie: organization, then place, then person


def test_keys_stay_kind_aware_for_known_names():
    t = AliasTable()
    t.merge({"places": [{"name": "Georgia"}], "people": [{"name": "Georgia"}]}, "t")
    got = names(Resolver(t), {"a": [ment("Georgia", "GPE")], "b": [ment("Georgia", "PERSON")]})
    assert got == {"a": {("place", "Georgia")}, "b": {("person", "Georgia")}}


# -- alias files ------------------------------------------------------------------------
def test_user_aliases_merge_over_builtin(tmp_path):
    user = tmp_path / "aliases.yaml"
    user.write_text("organizations:\n  - name: Acme Widgets\n    aliases: [ACW]\n"
                    "  - name: Amazon\n    aliases: [AMZN]\njunk: [Widgetology]\n")
    table = load_aliases(user)
    assert table.lookup("ACW") == {"organization": "Acme Widgets"}
    assert table.lookup("AMZN") == {"organization": "Amazon"}
    assert table.lookup("Amazon.com") == {"organization": "Amazon"}  # built-in kept
    assert table.is_junk("widgetology")
    assert {"label": "ORG", "pattern": "Acme Widgets", "caseless": True} in table.patterns()


def test_parsed_alias_file_is_kept_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    user = tmp_path / "aliases.yaml"
    user.write_text("organizations:\n  - name: Acme Widgets\n    aliases: [ACW]\n")
    assert load_aliases(user).lookup("ACW") == {"organization": "Acme Widgets"}
    kept = [json.loads(p.read_text()) for p in (tmp_path / "cache" / "parsed").glob("*.json")]
    assert {"organizations": [{"name": "Acme Widgets", "aliases": ["ACW"]}]} in kept
    # an edited file is read again, not taken from what was kept
    user.write_text("organizations:\n  - name: Acme Widgets\n    aliases: [AWX]\n")
    table = load_aliases(user)
    assert table.lookup("AWX") == {"organization": "Acme Widgets"} and not table.lookup("ACW")
    # a damaged entry is a miss: the YAML is parsed again
    for path in (tmp_path / "cache" / "parsed").glob("aliases-*.json"):
        path.write_bytes(b"{not json")
    assert load_aliases(user).lookup("AWX") == {"organization": "Acme Widgets"}
    # a bad file is still reported, and never kept
    user.write_text("organizations: [\n")
    with pytest.raises(AliasFileError, match="not valid YAML"):
        load_aliases(user)


@pytest.mark.parametrize(("text", "message"), [
    ("organizations: [\n", "not valid YAML"),
    ("- a\n- b\n", "expected a mapping"),
    ("organizations:\n  - name: Acme\n    alias: [A]\n", "organizations[0]: unknown key(s) 'alias'"),
    ("people:\n  - name: 3\n", "people[0]: 'name' must be non-empty text"),
    ("places:\n  - name: X\n    aliases: X2\n", "'aliases' must be a list"),
    ("companies: []\n", "unknown top-level key(s) 'companies'"),
])
def test_bad_alias_file_names_file_entry_and_shape(tmp_path, text, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    with pytest.raises(AliasFileError) as err:
        load_aliases(bad)
    assert message in str(err.value)
    assert str(bad) in str(err.value)


# -- rules found on held-out stories --------------------------------------------------------
def test_dateline_gives_city_region_and_agency():
    from extract.ner import dateline_mentions

    found = [(m.text, m.kind) for m in dateline_mentions("SANTA CLARA, Calif. (Reuters) \u2014 Banks")]
    assert found == [("SANTA CLARA", "place"), ("Calif.", "place"), ("Reuters", "organization")]
    assert dateline_mentions("Microsoft said - the company") == []
    assert dateline_mentions("NEW YORK, Jan 5 (Reuters) - Stocks")[0].text == "NEW YORK"
    # not in capitals: a dateline with its agency in brackets after a date, or after a
    # city when the agency is a known one
    found = [(m.text, m.kind) for m in dateline_mentions("London, Aug. 27 (Jiji Press)--Japan")]
    assert found == [("London", "place"), ("Jiji Press", "organization")]
    assert [m.text for m in dateline_mentions("Jan 12 (Reuters) - Visa Inc")] == ["Reuters"]
    assert [m.text for m in dateline_mentions("Paris (AFP) - France")] == ["Paris", "AFP"]
    assert dateline_mentions("Apple (AAPL) - the company said") == []
    # a city in small letters with a full date and no agency
    assert [m.text for m in dateline_mentions("New York, November 20 - General Motors")] == [
        "New York"]
    assert dateline_mentions("Apple, Google - the two") == []


def test_capitals_place_is_title_cased(table):
    got = names(Resolver(table), {"a": [ment("EAST PALESTINE", "GPE")]})
    assert got["a"] == {("place", "East Palestine")}


def test_party_state_and_legal_form_and_lower_case(table):
    t = AliasTable()
    t.merge({"places": [{"name": "Massachusetts", "aliases": ["Mass."]}]}, "t")
    got = names(Resolver(t), {"a": [ment("D-Mass.", "ORG"), ment("AG"), ment("monthslong")]})
    assert got["a"] == {("place", "Massachusetts")}


def test_org_head_word_overrides_person_label(table):
    got = names(Resolver(table), {"a": [ment("Purdue Pharma", "PERSON")]})
    assert got["a"] == {("organization", "Purdue Pharma")}


def test_ambiguous_alias_does_not_change_the_kind():
    t = AliasTable()
    t.merge({"organizations": [{"name": "University of Cambridge", "resolve_only": ["Cambridge"]}]}, "t")
    got = names(Resolver(t), {"a": [ment("Cambridge", "GPE")], "b": [ment("Cambridge", "ORG")]})
    assert got == {"a": {("place", "Cambridge")}, "b": {("organization", "University of Cambridge")}}


def test_headline_fragment_resolves_to_a_name_the_story_repeats(table):
    stories = {"a": [ment("Lula Defeats Bolsonaro", "PERSON", "title"),
                     ment("Jair Bolsonaro", "PERSON"), ment("Bolsonaro", "PERSON")]}
    assert names(Resolver(table), stories)["a"] == {("person", "Jair Bolsonaro")}


@pytest.mark.parametrize("full, short", [("Luiz Inacio Lula da Silva", "da Silva"),
                                         ("Margherita Della Valle", "Della Valle"),
                                         ("Jean-François van Boxmeer", "Van Boxmeer")])
def test_particle_surname_joins_full_name(full, short):
    got = names(Resolver(AliasTable()), {"a": [ment(full, "PERSON"), ment(short, "PERSON")]})
    assert got["a"] == {("person", full)}


def test_patterns_make_case_variants_and_multi_word_names_match_in_any_case():
    from extract.aliases import AliasTable

    table = AliasTable()
    table.merge({"organizations": [{"name": "Nvidia"}, {"name": "Bank of America"},
                                   {"name": "The Hill"}, {"name": "Time", "gazetteer": False,
                                                          "aliases": ["Time magazine"]},
                                   {"name": "3M"}]}, "t")
    patterns = {(p["pattern"], p.get("caseless", False)) for p in table.patterns()}
    assert {("Nvidia", False), ("NVIDIA", False), ("Bank of America", True),
            ("The Hill", False), ("Time magazine", True), ("3M", False)} <= patterns
    # never a variant without a capital: "3M" capitalised is "3m", as in "£3m"
    assert not any(p in ("nvidia", "Time", "3m") for p, _ in patterns)


def test_caseless_gazetteer_finds_names_written_in_capitals():
    from extract.aliases import load_aliases
    from extract.ner import mentions_from_doc
    from graph.build import _pipeline

    nlp = _pipeline(None, load_aliases())
    found = mentions_from_doc(nlp("SHARES OF BANK OF AMERICA AND NVIDIA ROSE"), "title")
    assert {(m.text, m.label) for m in found} >= {("BANK OF AMERICA", "ORG"), ("NVIDIA", "ORG")}


@pytest.mark.parametrize(("text", "stripped"), [
    ("Nvidia Corp NVDA.O has struck a deal with Germany's Daimler DAIGn.DE to",
     "Nvidia Corp has struck a deal with Germany's Daimler to"),
    ("the head of Volkswagen's VOWG_p.DE Seat brand", "the head of Volkswagen's Seat brand"),
    ("Nissan Motor Co 7201.T.", "Nissan Motor Co."),
    ("Nestle (NESN.S) will pay", "Nestle will pay"),
    # not abbreviations, domains, versions, nor a name after a small word
    ("The U.S. and E.ON and Amazon.com said", "The U.S. and E.ON and Amazon.com said"),
    ("said FTX.US on 2.0 versions", "said FTX.US on 2.0 versions"),
    # a wire service's slugs before a headline, and not a name's hyphen nor a word's
    ("RPT-UPDATE 2-Nestle (NESN.S) to buy", "Nestle to buy"),
    ("NEWSMAKER-AIG CEO loses reins", "AIG CEO loses reins"),
    ("GLOBAL MARKETS-Stocks slip", "Stocks slip"),
    ("NATO-Russia talks", "NATO-Russia talks"),
    ("UPDATE-driven rally", "UPDATE-driven rally"),
])
def test_exchange_codes_and_wire_slugs_are_cut_and_offsets_kept(text, stripped):
    from extract.text import strip_tickers

    cut, at = strip_tickers(text)
    assert cut == stripped
    if at is not None:  # where each character was
        assert len(at) == len(cut) + 1 and all(text[at[i]] == c for i, c in enumerate(cut))


def test_an_exchange_code_is_no_part_of_a_name_nor_a_name(tmp_path):
    from graph.build import build

    (tmp_path / "a.md").write_text(
        '---\ntitle: "Renault names a CEO"\nexcerpt: "Renault RENA.PA named Luca de Meo, '
        'the former head of Volkswagen\'s VOWG_p.DE Seat brand, as its next chief executive.'
        '"\nwebUrl: "https://example.com/a"\n---\n', encoding="utf-8")
    G = build([tmp_path], out_dir=None).graph
    names = {a["name"] for _, a in G.nodes(data=True) if a.get("kind") == "organization"}
    assert {"Renault", "Volkswagen"} <= names and not any("_" in n or "." in n for n in names)


def test_a_wire_slug_is_no_name_and_its_headline_is_read(tmp_path):
    from graph.build import build

    (tmp_path / "a.md").write_text(
        '---\ntitle: "EXCLUSIVE-Microsoft CEO Satya Nadella to visit India"\n'
        'webUrl: "https://example.com/a"\n---\n', encoding="utf-8")
    G = build([tmp_path], out_dir=None).graph
    names = {a["name"] for _, a in G.nodes(data=True) if a.get("kind") == "organization"}
    assert names == {"Microsoft"}, names
    assert G.has_edge("person:Satya Nadella", "organization:Microsoft", key="LEADS")


# -- rules for news nobody tuned for -----------------------------------------------------
@pytest.mark.parametrize(("surface", "label", "expected"), [
    ('Robert K. "Kelly" Ortberg', "PERSON", ("person", "Kelly Ortberg")),
    ("a High Court", "ORG", ("organization", "High Court")),
    ("activist Jane Doe", "PERSON", ("person", "Jane Doe")),
    ("Activist Jane Doe", "PERSON", ("person", "Jane Doe")),
    ("Friends Of The Earth", "ORG", ("organization", "Friends of the Earth")),
    ("Muan International Airport", "ORG", ("place", "Muan International Airport")),
    ("Consumer Financial Protection Act", "ORG", None),
])
def test_cleaning_rules_from_word_lists(surface, label, expected):
    got = names(Resolver(AliasTable()), {"a": [ment(surface, label)]})["a"]
    assert got == ({expected} if expected else set())


def test_names_side_by_side_are_split():
    got = names(Resolver(AliasTable()), {"a": [ment("Zeta Foods, Danone"),
                                               ment("Acme Alliance - Globex")]})
    assert got["a"] == {("organization", "Zeta Foods"), ("organization", "Danone"),
                        ("organization", "Acme Alliance"), ("organization", "Globex")}


def test_a_title_name_takes_the_excerpts_reading():
    got = names(Resolver(AliasTable()), {"a": [ment("Zorblax", "PERSON", "title"),
                                               ment("Zorblax", "ORG", "excerpt")]})
    assert got["a"] == {("organization", "Zorblax")}


def test_a_headline_word_the_excerpt_never_names_is_dropped():
    got = names(Resolver(AliasTable()), {"a": [ment("Doubles", "ORG", "title"),
                                               ment("Zorblax Corp", "ORG", "excerpt")]})
    assert got["a"] == {("organization", "Zorblax")}


def test_story_context_joins_short_forms():
    got = names(Resolver(AliasTable()), {
        "a": [ment("Southwest Airlines"), ment("Southwest", "GPE")],
        "b": [ment("European Super League"), ment("Super League")],
        "c": [ment("Fulton County Superior Court"), ment("Court")],
        "d": [ment("Luiz Inácio Lula da Silva", "PERSON"), ment("Lula", "PERSON")],
        "e": [ment("Court")]})
    assert got["a"] == {("organization", "Southwest Airlines")}
    assert got["b"] == {("organization", "European Super League")}
    assert got["c"] == {("organization", "Fulton County Superior Court")}
    assert got["d"] == {("person", "Luiz Inácio Lula da Silva")}
    assert got["e"] == set()  # which court is not said


def test_a_place_beside_the_public_body_named_after_it_stays_a_place():
    got = names(Resolver(AliasTable()), {"a": [ment("Jackson Police Department"),
                                               ment("Jackson", "GPE")]})
    assert got["a"] == {("organization", "Jackson Police Department"), ("place", "Jackson")}


def test_spelling_variants_join_and_keep_accents():
    got = names(Resolver(AliasTable()), {"a": [ment("Zorblax Corporation")], "b": [ment("Zorblax")],
                                         "c": [ment("Quux Air Lines")], "d": [ment("Quux Airlines")],
                                         "e": [ment("Nestlé")], "f": [ment("Nestle", "GPE")]})
    assert got["a"] == got["b"] == {("organization", "Zorblax")}
    assert got["c"] == got["d"]
    assert got["e"] == got["f"] == {("organization", "Nestlé")}


def test_near_spellings_across_outlets_join_but_different_names_do_not():
    got = names(Resolver(AliasTable()), {
        "a": [ment("Carlos Quorvath", "PERSON")], "b": [ment("Carlo Quorvath", "PERSON")],
        "c": [ment("Carlos Quorvath", "PERSON")],
        "d": [ment("Supreme Electoral Tribunal")], "e": [ment("Supreme Elections Tribunal")],
        "f": [ment("Dairy Methane Action Alliance")], "g": [ment("Dairy Methane Alliance")],
        # Same pattern, different names: a different stem, a short first name, a
        # different surname.
        "h": [ment("National Security Council")], "i": [ment("National Security Agency")],
        "j": [ment("Jon Quorvath", "PERSON")], "k": [ment("Jan Quorvath", "PERSON")],
        "l": [ment("Mary Smithers", "PERSON")], "m": [ment("Mary Smithson", "PERSON")]})
    assert got["a"] == got["b"] == {("person", "Carlos Quorvath")}
    assert got["d"] == got["e"]
    assert got["f"] == got["g"] == {("organization", "Dairy Methane Action Alliance")}
    assert got["h"] != got["i"] and got["j"] != got["k"] and got["l"] != got["m"]


def test_a_lone_one_word_person_that_is_nobodys_name_is_dropped():
    got = names(Resolver(AliasTable()), {"a": [ment("Starliner", "PERSON")],
                                         "b": [ment("Jane Doe", "PERSON")], "c": [ment("Doe", "PERSON")]})
    assert got["a"] == set() and got["c"] == {("person", "Jane Doe")}


def test_a_one_word_name_read_as_a_company_and_a_person_is_a_company_unless_a_surname():
    got = names(Resolver(AliasTable()), {
        "a": [ment("Zorblax", "ORG"), ment("Zorblax", "PERSON"), ment("Zorblax", "PERSON")],
        "b": [ment("Quibble", "ORG"), ment("Jane Quibble", "PERSON"), ment("Quibble", "PERSON"),
              ment("Quibble", "PERSON")]})
    assert got["a"] == {("organization", "Zorblax")}
    assert ("person", "Jane Quibble") in got["b"]
    assert ("organization", "Quibble") not in got["b"]


def test_acronym_of_the_written_span():
    got = names(Resolver(AliasTable()), {"a": [ment("Zorblax Music Group"), ment("ZMG")]})
    assert got["a"] == {("organization", "Zorblax Music")}


def test_ner_extends_institutions_and_reads_lists(seeds_graph):
    from extract.ner import mentions_from_doc
    from graph.build import _pipeline

    nlp = _pipeline(None, load_aliases())
    found = mentions_from_doc(nlp("The Supreme Court of Korea ruled on Friday."), "excerpt")
    assert ("Supreme Court of Korea", "ORG") in {(m.text, m.label) for m in found}
    listed = mentions_from_doc(nlp("Nestlé, Danone, Kraft Heinz and Lactalis joined."), "excerpt")
    assert {m.text for m in listed if m.label == "ORG"} >= {"Kraft Heinz", "Lactalis"}
    # a name ends before a bracket the model left open
    found = mentions_from_doc(nlp("Samuel Eto'o was elected president of the Cameroon Football "
                                  "Federation (FECAFOOT) on Saturday."), "excerpt")
    assert "the Cameroon Football Federation" in {m.text for m in found if m.label == "ORG"}
    # a hyphenated first name the model read as an organization
    found = mentions_from_doc(nlp("Rio Tinto chief executive Jean-Sebastien Jacques said he "
                                  "would leave."), "excerpt")
    assert ("Jean-Sebastien Jacques", "PERSON") in {(m.text, m.label) for m in found}


def test_a_name_after_a_noun_that_says_a_company_follows_is_that_company():
    from extract.ner import mentions_from_doc
    from graph.build import _pipeline

    nlp = _pipeline(None, load_aliases())
    text = ("Jan 12 (Reuters) - Visa Inc and fintech startup Plaid said on Tuesday they had "
            "terminated their merger agreement.")
    assert ("Plaid", "ORG") in {(m.text, m.label) for m in mentions_from_doc(nlp(text), "excerpt")}
    text = "Nvidia is acquiring orchestration and management company Run:ai."
    assert ("Run:ai", "ORG") in {(m.text, m.label) for m in mentions_from_doc(nlp(text), "excerpt")}
    # not a day, nor a role that comes before a person's name
    text = "The company Tuesday named its new boss. The company CEO Tim Cook said so."
    found = {m.text for m in mentions_from_doc(nlp(text), "excerpt") if m.label == "ORG"}
    assert not found & {"Tuesday", "CEO", "CEO Tim Cook"}
    # each name of a list after a plural noun, even one the model read as a person
    text = "Major record labels are suing AI companies Suno and Udio for copyright infringement."
    found = {(m.text, m.label) for m in mentions_from_doc(nlp(text), "excerpt")}
    assert {("Suno", "ORG"), ("Udio", "ORG")} <= found
    text = "Entertainment giants Disney and Universal have filed a joint lawsuit."
    found = {(m.text, m.label) for m in mentions_from_doc(nlp(text), "excerpt")}
    assert ("Universal", "ORG") in found
    # a list that opens the text is not one a company noun introduced (the last word is
    # not "before" the first)
    text = "Elon Musk and Jeff Bezos criticised the carmakers"
    assert ("Elon Musk", "PERSON") in {(m.text, m.label)
                                       for m in mentions_from_doc(nlp(text), "excerpt")}
    # a name apposed to a noun that says it is a company
    text = "Working with Ele.me, Alibaba's food delivery platform, Starbucks will grow."
    assert ("Ele.me", "ORG") in {(m.text, m.label) for m in mentions_from_doc(nlp(text), "excerpt")}
    text = "Facebook is buying Snaptu, an Israeli company that develops applications."
    assert ("Snaptu", "ORG") in {(m.text, m.label) for m in mentions_from_doc(nlp(text), "excerpt")}
    text = "John Smith, a company spokesman, said so. Paris, the French capital, is big."
    assert not {m.text for m in mentions_from_doc(nlp(text), "excerpt") if m.label == "ORG"}
    # a plural noun and one capitalised word is no list of companies
    text = "Shares of European carmakers Surged on Monday."
    assert not {m.text for m in mentions_from_doc(nlp(text), "excerpt") if m.label == "ORG"}


@pytest.fixture(scope="module")
def orgs():
    """``orgs(text)`` → the organizations NER finds in one excerpt."""
    from extract.ner import mentions_from_doc
    from graph.build import _pipeline

    nlp = _pipeline(None, load_aliases())

    def found(text: str) -> set[str]:
        return {m.text for m in mentions_from_doc(nlp(text), "excerpt") if m.label == "ORG"}
    return found


def test_a_name_before_an_officers_title_and_a_person_is_their_company(orgs):
    assert "Visa" in orgs('"It will take time to resolve," Visa Chief Executive Officer Al '
                          'Kelly said on Tuesday.')
    # words that open a person's title are no company; nor is the rest of a name
    assert not orgs("Deputy Chief Executive John Smith said so.")
    assert not orgs("New CEO Jane Smith said so.") & {"New", "New CEO"}
    assert "Motor Co." not in orgs("Prosecutors arrested former Nissan Motor Co. Chairman "
                                   "Carlos Ghosn on Thursday.")
    # a title in small letters, after a possessive or a cut "co-"
    assert "Northwind Traders" in orgs("Northwind Traders' chief executive John Smith "
                                       "resigned on Friday.")
    assert "Northwind Traders" in orgs("Northwind Traders co-founder John Smith sold his "
                                       "shares.")
    # not one word that opens the sentence
    assert "Police" not in orgs("Police chief John Smith said the road was closed.")


def test_group_names_are_kept_only_as_known_organizations():
    table = load_aliases()
    got = names(Resolver(table), {"a": [ment("Tories", "NORP"), ment("French", "NORP")]})
    assert got["a"] == {("organization", "Conservative Party")}
    # a nationality is no company the table spells the same ("American and European
    # authorities" names no American Airlines)
    got = names(Resolver(table), {"a": [ment("American", "NORP"), ment("Continental", "NORP")]})
    assert got["a"] == set()


def test_a_place_only_by_another_of_its_names_that_opens_a_company_s_name_is_it():
    # "Monster" is a name of Münster; in a story on Monster Energy it is the company
    got = names(Resolver(load_aliases()), {
        "a": [ment("Monster", "GPE", "title"), ment("Monster Energy Co.")],
        "b": [ment("Monster", "GPE")]})
    assert got["a"] == {("organization", "Monster Energy")}, got
    assert got["b"] == {("place", "Münster")}, got


def test_short_forms_of_a_division_join_it():
    got = names(Resolver(AliasTable()), {
        "a": [ment("Zorblax Brain"), ment("Brain")],
        "b": [ment("Madison Square Garden Entertainment"), ment("MSG")]})
    assert got["a"] == {("organization", "Zorblax Brain")}
    assert got["b"] == {("organization", "Madison Square Garden Entertainment")}


def test_a_name_defined_by_an_acronym_in_brackets_is_whole():
    from extract.ner import mentions_from_doc
    from graph.build import _pipeline

    nlp = _pipeline(None, load_aliases())
    found = mentions_from_doc(nlp("Regulators fined Zorblax Widget Company (ZWC) while the "
                                  "US Federal Trade Commission (FTC) agreed."), "excerpt")
    texts = {(m.text, m.label) for m in found}
    assert ("Zorblax Widget Company", "ORG") in texts
    assert ("US Federal Trade Commission", "ORG") in texts  # the longer reading stays


def test_an_ambiguous_institution_word_is_the_story_s_own_institution(tmp_path):
    from graph.build import build

    (tmp_path / "a.md").write_text(
        '---\ntitle: "Regulators penalize PG&E"\nexcerpt: "California Public Utilities '
        'Commission voted Thursday to penalize PG&E. The commission voted on the penalty '
        'proposed by Commission President Michael Picker."\nwebUrl: "https://example.com/a"'
        '\n---\n', encoding="utf-8")
    G = build([tmp_path], out_dir=None).graph
    # the alias table reads "Commission" alone as the European Commission
    assert "organization:European Commission" not in G
    assert ("person:Michael Picker", "organization:California Public Utilities Commission",
            "LEADS") in {(a, b, k) for a, b, k in G.edges(keys=True)}


def test_a_company_s_arm_named_after_it_is_the_arm(orgs):
    # the gazetteer knows the parent and would stop at its name
    assert "Coinbase Ventures" in orgs("Coinbase Ventures and Sequoia Capital invested.")
    assert "Ping An Asset Management" in orgs("Ping An Asset Management raised its stake.")
    assert "Allianz Global Investors US LLC" in orgs(
        "Allianz Global Investors US LLC will pay more than $1 billion.")
    # a product is no arm
    assert "Google" in orgs("Google Cloud grew fast.")


@pytest.fixture(scope="module")
def people():
    """``people(text)`` → the people NER finds in one excerpt."""
    from extract.ner import mentions_from_doc
    from graph.build import _pipeline

    nlp = _pipeline(None, load_aliases())
    return lambda text: {m.text for m in mentions_from_doc(nlp(text), "excerpt")
                         if m.label == "PERSON"}


def test_a_first_name_the_model_left_out_is_put_back(people, orgs):
    assert "Anders Opedal" in people("Equinor ASA appointed Anders Opedal as its new CEO.")
    assert "Dennis Muilenburg" in people(
        "The SEC also said former Boeing Chief Executive Dennis Muilenburg had agreed to pay.")
    # a title is no first name, nor the first word of a sentence, nor a name in capitals
    # a person's (the model's "Lactalis USA", with a company's name before it)
    assert "Joe Biden" in people("President Joe Biden met the chief executives on Monday.")
    assert "Lactalis USA" in orgs("The members - Danone , Bel Group, General Mills Lactalis "
                                  "USA, Kraft Heinz and Nestle - will report.")
    assert not {p for p in people("Major record labels are suing AI companies. Major record "
                                  "labels, including Universal Music Group, sued.")
                if p.startswith("Major")}


def test_a_name_joined_to_other_companies_is_a_company(orgs):
    assert "Valve" in orgs("Valve and five other PC game publishers are to pay fines.")
    assert "Rivian" in orgs("Rivian and several other carmakers cut prices on Monday.")
    # no company noun: no telling
    assert "Valve" not in orgs("Valve and five others are to pay fines.")


def test_a_court_goes_on_through_in_its_district(orgs):
    found = orgs("Stellantis filed the lawsuit in U.S. District Court in the Central District "
                 "of California, seeking a ruling.")
    assert "District Court in the Central District of California" in found, found
    # not a court's city
    assert "The Federal Court" in orgs("The Federal Court in Sydney ruled.")


def test_no_name_ends_in_a_function_word(orgs):
    assert "Dell" in orgs("They rigged bids for drives sold to Dell and Hewlett-Packard.")
    # a court's name the model stopped at "of" goes on
    assert "the Circuit Court of Cook County" in orgs(
        "The lawsuit, filed in the Circuit Court of Cook County, lists Shell and BP.")


def test_no_name_ends_in_an_amount(orgs):
    found = orgs("Brazil's antitrust regulator CADE fined Vale 10 million reais.")
    assert "Vale" in found and not any("million" in name for name in found), found


def test_a_two_word_name_read_as_a_company_among_people_is_a_person(people):
    assert "Jeanine Pirro" in people("The lawsuit targets news anchors Lou Dobbs, Maria "
                                     "Bartiromo, and Jeanine Pirro.")


def test_a_place_no_gazetteer_knows_listed_with_a_company_is_a_company(orgs):
    assert "Gemini" in orgs("DCG and Gemini sued by New York Attorney General")
    assert "Texas" not in orgs("Apple and Texas settled the case.")


def test_a_name_listed_among_companies_is_a_company(orgs):
    assert "Greenoaks" in orgs("Amazon led a funding round that also included existing "
                               "investors T Rowe Price, Fidelity and Greenoaks.")
    # not a function or calendar word, nor a name among places
    assert "Monday" not in orgs("Apple, Google and Microsoft rose on Friday, Monday and "
                                "Tuesday.")
    assert "Frankfurt" not in orgs("Apple met in Paris, London and Frankfurt.")


def test_a_company_s_arm_named_after_a_country_is_the_arm(orgs):
    assert "JBS USA" in orgs("Letitia James, on Wednesday, sued JBS USA, the American arm of "
                             "the meatpacker.")
    assert "H&M Germany" in orgs("Hamburg's data protection authority fined H&M Germany.")
    # the country of a name that goes on is the name's, not the company's
    assert "Apple UK" not in orgs("Apple UK Chief Executive Tim Cook said sales rose.")


def test_a_name_opening_a_sentence_with_a_company_apposition_is_that_company(orgs):
    assert "Stripe" in orgs("Stripe, a San Francisco-based payments provider and one of the "
                            "most valuable private companies, said Wednesday it raised money.")
    # an adverb that opens a sentence is no name
    assert not orgs("Meanwhile, a rival company said it would cut jobs.")
    assert not orgs("Earlier, the company, which makes chips, said it would cut jobs.")
    assert not orgs("Separately, a payments company, which makes cards, said so.")
    assert not orgs("Stripe,")  # a comma that ends the text


def test_the_capitalised_words_before_money_taken_in_are_a_companys_name():
    from extract.ner import mentions_from_doc
    from graph.build import _pipeline

    nlp = _pipeline(None, load_aliases())

    def orgs(text: str) -> set[str]:
        return {m.text for m in mentions_from_doc(nlp(text), "excerpt") if m.label == "ORG"}

    assert "Zentrix" in orgs("Zentrix raises $50 million in a round led by Sequoia.")
    assert "Andela" in orgs("To unleash talent, Andela raises $24M led by Spark Capital")
    # an amount must follow, and a name opens its sentence or follows a comma
    assert "Zentrix" not in orgs("Zentrix raises concerns about the deal.")
    assert "Tuesday" not in orgs("On Tuesday raised $5 million.")


def test_an_acronym_is_the_long_form_its_own_article_writes_out_before_the_alias_table():
    got = names(Resolver(load_aliases()),
                {"a": [ment("General Motors"), ment("Fiat Chrysler Automobiles"), ment("FCA")],
                 "b": [ment("FCA"), ment("Barclays")]})
    assert ("organization", "Financial Conduct Authority") not in got["a"], got["a"]
    assert ("organization", "Financial Conduct Authority") in got["b"]  # the table's


def test_a_currency_code_beside_an_amount_is_no_company():
    from extract.ner import mentions_from_doc
    from graph.build import _pipeline

    nlp = _pipeline(None, load_aliases())
    text = "The regulator fined nine banks 27.45 million SGD (21.55 million USD) in all."
    assert not {"SGD", "USD"} & {m.text for m in mentions_from_doc(nlp(text), "excerpt")}

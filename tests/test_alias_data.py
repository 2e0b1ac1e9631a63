"""The hand-curated alias table keeps its own rules (see the header of
extract/data/aliases.yaml): a data lint over every entry."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import pytest

from extract.aliases import builtin_path, load_aliases
from extract.language import english
from extract.names import fold_name
from extract.resolve import initials, is_acronym

TABLE = load_aliases()
#: Sections whose bodies are named by their full English name, the acronym an alias.
LONG_FORM_SECTIONS = ("United States: legislature", "United States: executive",
                      "United States: agencies", "United States: state and local",
                      "US state supreme courts", "European Union and Europe",
                      "United Kingdom", "international bodies", "NGOs, advocacy",
                      "universities and research")
LEGAL_SUFFIX = re.compile(r"\b(?:Inc|Ltd|LLC|PLC|plc|GmbH|AG|S\.A\.)\.?$")
#: Regnal and papal names keep their customary form (Pope Francis, King Charles III).
CUSTOMARY = {"pope", "king", "queen", "prince", "princess", "sheikh", "emir"}


def sections() -> dict[str, str]:
    """Canonical organization name → the '# ---' section it is listed under."""
    found, section, group = {}, "", ""
    for line in builtin_path().read_text(encoding="utf-8").splitlines():
        if re.match(r"^[a-z]+:", line):
            group = line.split(":")[0]
        if m := re.match(r"^  # --- (.*)", line):
            section = m.group(1)
        if (m := re.match(r"^  - name: (.*)$", line)) and group == "organizations":
            found[m.group(1).strip('"')] = section
    return found


def fold_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold()


def test_every_string_is_unique_within_its_kind_ignoring_case():
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    problems = []
    for (kind, name), entry in TABLE.entries.items():
        spellings = [entry.name, *entry.aliases, *entry.resolve_only]
        for spelling in spellings:
            owners[(kind, fold_name(spelling))].add(name)
        folded = [fold_name(s) for s in spellings if len(s) > 3]
        if len(folded) != len(set(folded)):  # case variants are made by code
            problems.append(f"{name}: case variants listed {spellings}")
    problems += [f"{kind} {spelling!r} belongs to {sorted(names)}"
                 for (kind, spelling), names in owners.items() if len(names) > 1]
    assert problems == []


def test_no_alias_is_another_entrys_name():
    names = {(kind, fold_name(name)) for kind, name in TABLE.entries}
    problems = [f"{name}: {alias}" for (kind, name), entry in TABLE.entries.items()
                for alias in [*entry.aliases, *entry.resolve_only]
                if (kind, fold_name(alias)) in names and fold_name(alias) != fold_name(name)]
    assert problems == []


def test_no_junk_term_is_an_entry():
    problems = [s for entry in TABLE.entries.values()
                for s in [entry.name, *entry.aliases] if fold_name(s) in TABLE.junk]
    assert problems == []


def test_bodies_are_named_in_full_with_the_acronym_as_an_alias():
    where = sections()
    problems = [f"{entry.name} (alias {a})" for (kind, name), entry in TABLE.entries.items()
                if kind == "organization" and where.get(name, "").startswith(LONG_FORM_SECTIONS)
                and is_acronym(name.replace(".", ""))
                for a in entry.aliases if len(a.split()) > 1 and initials(a) == name]
    assert problems == []


@pytest.mark.parametrize("kind", ["organization", "person"])
def test_names_keep_their_accents(kind):
    problems = [f"{name} (alias {a})" for (k, name), entry in TABLE.entries.items()
                if k == kind and name.isascii()
                for a in entry.aliases if not a.isascii() and fold_accents(a) == fold_accents(name)]
    assert problems == []


def test_organizations_have_no_legal_suffix_and_people_no_title():
    roles = english().person_prefixes
    suffixed = [name for kind, name in TABLE.entries
                if kind == "organization" and LEGAL_SUFFIX.search(name)]
    titled = [name for kind, name in TABLE.entries
              if kind == "person" and name.split()[0].lower().rstrip(".") in roles - CUSTOMARY]
    assert (suffixed, titled) == ([], [])


def test_public_bodies_have_no_leading_the():
    where = sections()
    problems = [name for kind, name in TABLE.entries
                if kind == "organization" and name.startswith("The ")
                and where.get(name, "").startswith(LONG_FORM_SECTIONS)]
    assert problems == []


def test_every_entry_has_a_stable_id_unique_within_its_kind():
    ids = defaultdict(list)
    for (kind, name), entry in TABLE.entries.items():
        ids[(kind, entry.id)].append(name)
    assert [names for (kind, ident), names in ids.items() if ident is None] == []
    assert {key: names for key, names in ids.items() if len(names) > 1} == {}


def test_a_user_entry_with_a_known_id_renames_the_entry(tmp_path):
    user = tmp_path / "aliases.yaml"
    user.write_text("organizations:\n  - name: Alphabet Inc. Holding\n    id: alphabet\n")
    table = load_aliases(user)
    assert not table.is_known("organization", "Alphabet")
    assert table.lookup("Alphabet") == {"organization": "Alphabet Inc. Holding"}
    assert table.entry_id("organization", "Alphabet Inc. Holding") == "alphabet"
    # the built-in files are read once per process: a table merged over them changes
    # no other table
    assert load_aliases().lookup("Alphabet") == {"organization": "Alphabet"}


@pytest.mark.parametrize("name", ["language.yaml", "relations.yaml", "place_conventions.yaml"])
def test_language_data_lists_hold_words_only(name):
    # YAML reads a bare on, off, yes or no as a boolean: "on" must be quoted
    import yaml

    path = builtin_path().parent / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = []

    def walk(value, where):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{where}/{key}")
        elif isinstance(value, list):
            found.extend(f"{where}: {item!r}" for item in value
                         if isinstance(item, bool | type(None)))
            for item in value:
                walk(item, where)

    walk(data, name)
    assert not found, found


def test_a_section_of_the_table_gives_every_spelling_of_its_names():
    from extract.aliases import builtin_section

    news = builtin_section("news organisations")
    assert {"Reuters", "Associated Press", "AP", "Bloomberg News"} <= news
    assert "Nike" not in news

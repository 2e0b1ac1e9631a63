"""Title Case headlines go to the model in sentence case, with names and offsets kept."""

from __future__ import annotations

from extract.headline import capitalised_in_text, is_title_case, sentence_case


def test_title_case_is_told_from_sentence_case():
    assert is_title_case("Acme Wins A Round In The Patent Battle With Globex")
    assert not is_title_case("Acme wins a round in the patent battle with Globex")
    assert not is_title_case("Acme Wins")  # too short to tell


def test_names_from_the_excerpt_and_the_table_keep_their_capitals():
    title = "Acme Wins A Round In The Patent Battle With Globex, Names Jane Doe Successor"
    excerpt = "Acme Corp. said Jane Doe will lead the firm after a court in Ohio ruled for it."
    out = sentence_case(title, excerpt, known=lambda t: t == "Globex")
    assert out == "Acme wins a round in the patent battle with Globex, names Jane Doe successor"
    assert len(out) == len(title)


def test_acronyms_inner_capitals_and_possessives_are_kept():
    title = "FTC Sues OpenAI Over Amazon's Data Deal In The U.S."
    out = sentence_case(title, "The agency named Amazon in its filing.")
    assert out == "FTC sues OpenAI over Amazon's data deal in the U.S."


def test_a_sentence_start_in_the_excerpt_is_not_a_name():
    assert capitalised_in_text("Shares fell. Analysts at Barclays said so.") == {"barclays"}
    out = sentence_case("Shares Fall As Analysts Cut Forecasts For Barclays",
                        "Shares fell. Analysts at Barclays said so.")
    assert out == "Shares fall as analysts cut forecasts for Barclays"


def test_a_name_the_excerpt_writes_in_another_case_or_without_accents_is_kept():
    out = sentence_case("Crypto Firm FTX Valued At $18 Billion As Softbank Invests",
                        "Investors in the round included SoftBank Group Corp., it said.")
    assert out == "Crypto firm FTX valued at $18 billion as Softbank invests"
    out = sentence_case("Dr Agnès Callamard Appointed As The New Secretary General",
                        "Amnesty International named Dr Agnes Callamard on Monday.")
    assert out == "Dr Agnès Callamard appointed as the new secretary general"


def test_sentence_case_text_is_returned_as_is():
    title = "Microsoft won't sell face recognition software to police"
    assert sentence_case(title, "", known=lambda t: True) is title


def test_a_build_reads_title_case_headlines_better(tmp_path):
    from graph.build import build

    (tmp_path / "s.md").write_text(
        '---\ntitle: "Zeta Corp Doubles Down On Solar As Rivals Retreat"\n'
        'excerpt: "Zeta Corp said on Monday it would double its solar investment."\n---\n')
    G = build([tmp_path], out_dir=None, workers=1).graph
    names = {a["name"] for _, a in G.nodes(data=True) if a["kind"] in ("organization", "person")}
    assert "Doubles Down" not in names and not any("Rivals" in n for n in names)
    for _, _, a in G.edges(data=True):
        if a["kind"] == "MENTIONS" and a["in_title"]:
            assert all(f in "Zeta Corp Doubles Down On Solar As Rivals Retreat"
                       or f in "Zeta Corp said on Monday" for f in a["forms"])

"""Neo4j: push, idempotence, hostile text, queries, the cookbook, faults, bulk import.

Everything here talks to a real Neo4j server (see the ``neo4j_uri`` fixture).
"""

from __future__ import annotations

import json
import os
import signal
from collections import Counter

import networkx as nx
import pytest
from click.testing import CliRunner

from graph import model as m
from graph.export.neo4j_csv import write_neo4j_csv
from graph.neo4j.client import (
    Neo4jError,
    Settings,
    connect,
    database_counts,
    push,
    run_query,
    translate_errors,
)
from storygraph.cli import cli
from tests.conftest import ROOT, start_neo4j, stop_neo4j

pytestmark = pytest.mark.neo4j


def expected_counts(G: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    nodes = Counter(m.LABELS[a["kind"]] for _, a in G.nodes(data=True))
    rels = Counter(a["kind"] for _, _, a in G.edges(data=True))
    return {"nodes": dict(nodes), "relationships": dict(rels)}


def test_push_seeds_then_again_gives_the_same_counts(empty_neo4j, seeds_graph):
    first = push(seeds_graph, empty_neo4j, batch_size=50)
    assert first.nodes == dict(sorted(expected_counts(seeds_graph)["nodes"].items()))
    assert database_counts(empty_neo4j) == expected_counts(seeds_graph)
    push(seeds_graph, empty_neo4j, batch_size=7)
    assert database_counts(empty_neo4j) == expected_counts(seeds_graph)


def _topic_graph(url: str, spelling: str) -> nx.MultiDiGraph:
    from extract.documents import Corpus, Story
    from graph.build import build_graph

    corpus = Corpus()
    corpus.merge(Story(url=url, title=f"A story on {spelling}", topics=[spelling]))
    return build_graph(corpus, {})


def test_one_topic_spelled_two_ways_is_one_topic_node(empty_neo4j):
    push(_topic_graph("https://a.example/1", "Computer Vision"), empty_neo4j)
    push(_topic_graph("https://b.example/2", "computer  vision"), empty_neo4j)
    _, rows = run_query(empty_neo4j, "MATCH (t:Topic)<-[:HAS_TOPIC]-(a:Article) "
                                     "RETURN t.key AS key, t.name AS name, count(a) AS articles")
    assert rows == [{"key": "computer vision", "name": "computer  vision", "articles": 2}]
    _, constraints = run_query(empty_neo4j, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties "
                                            "WHERE 'Topic' IN labelsOrTypes RETURN properties")
    assert constraints == [{"properties": ["key"]}]


def test_a_database_with_name_keyed_topics_is_upgraded(empty_neo4j):
    with empty_neo4j.session() as session:
        session.run("DROP CONSTRAINT storygraph_topic_key IF EXISTS").consume()
        session.run("CREATE CONSTRAINT storygraph_topic_name IF NOT EXISTS "
                    "FOR (n:Topic) REQUIRE n.name IS UNIQUE").consume()
        session.run("CREATE (:Article {url: 'https://old.example/1'})-[:HAS_TOPIC]->"
                    "(:Topic {name: 'AI'}), (:Article {url: 'https://old.example/2'})"
                    "-[:HAS_TOPIC]->(:Topic {name: 'ai'})").consume()
    push(_topic_graph("https://new.example/3", "Ai"), empty_neo4j)
    _, rows = run_query(empty_neo4j, "MATCH (t:Topic) OPTIONAL MATCH (t)<-[:HAS_TOPIC]-(a) "
                                     "RETURN t.key AS key, count(a) AS articles")
    assert rows == [{"key": "ai", "articles": 3}]
    _, constraints = run_query(empty_neo4j, "SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name")
    assert "storygraph_topic_name" not in {r["name"] for r in constraints}


def test_properties_and_lists_survive(empty_neo4j, seeds_graph):
    push(seeds_graph, empty_neo4j)
    _, rows = run_query(empty_neo4j, "MATCH (o:Organization {name: $n}) RETURN o", {"n": "Microsoft"})
    ms = rows[0]["o"]
    want = seeds_graph.nodes["organization:Microsoft"]
    assert ms["aliases"] == want["aliases"] and isinstance(ms["aliases"], list)
    assert (ms["mentions"], ms["articles"], ms["first_seen"]) == (
        want["mentions"], want["articles"], want["first_seen"])
    _, rows = run_query(empty_neo4j, "MATCH (a:Article)-[r:MENTIONS]->(:Organization {name: 'Microsoft'}) "
                                     "WHERE a.source_file ENDS WITH '000_402f7e944cb3d5f6.txt' RETURN r")
    assert rows[0]["r"]["in_title"] is True and rows[0]["r"]["forms"] == ["Microsoft"]


def test_bigger_graph_adds_only_what_is_new_and_updates(empty_neo4j, seeds_graph):
    arts = sorted(n for n, a in seeds_graph.nodes(data=True) if a["kind"] == m.ARTICLE)
    small = seeds_graph.copy()
    small.remove_nodes_from(arts[: len(arts) // 2])
    small.remove_nodes_from([n for n in list(small) if small.degree(n) == 0])
    ms = "organization:Microsoft"
    if ms in small:
        small.nodes[ms]["mentions"] = -1  # a value the full push must overwrite
    push(small, empty_neo4j)
    push(seeds_graph, empty_neo4j)
    assert database_counts(empty_neo4j) == expected_counts(seeds_graph)
    _, rows = run_query(empty_neo4j, "MATCH (o:Organization {name: 'Microsoft'}) RETURN o.mentions AS n")
    assert rows == [{"n": seeds_graph.nodes[ms]["mentions"]}]


HOSTILE = [
    'Quote " and \' and `backtick` and {braces}',
    "Line one\nline two\r\nMATCH (n) DETACH DELETE n //",
    "x'}) DETACH DELETE n WITH 1 AS x MATCH (y) RETURN y //",
    "$rows ${param} \\u0041 \\' ;",
]


def test_hostile_names_are_stored_verbatim(empty_neo4j):
    G = nx.MultiDiGraph()
    for i, text in enumerate(HOSTILE):
        art = m.node_id(m.ARTICLE, f"https://x/{i}?q={text}")
        G.add_node(art, kind=m.ARTICLE, name=text, title=text, url=f"https://x/{i}?q={text}")
        org = m.node_id(m.ORGANIZATION, text)
        G.add_node(org, kind=m.ORGANIZATION, name=text, aliases=sorted([text, "plain"]), articles=1)
        G.add_edge(art, org, key=m.MENTIONS, kind=m.MENTIONS, count=1, forms=sorted([text, "plain"]))
    push(G, empty_neo4j)
    _, rows = run_query(empty_neo4j, "MATCH (o:Organization) RETURN o.name AS name, o.aliases AS aliases")
    assert sorted(r["name"] for r in rows) == sorted(HOSTILE)
    assert all(r["aliases"] == sorted([r["name"], "plain"]) for r in rows)
    assert database_counts(empty_neo4j)["relationships"] == {"MENTIONS": len(HOSTILE)}


# -- the cookbook --------------------------------------------------------------------------
from graph.neo4j.queries import cookbook  # noqa: E402 - kept by its section


@pytest.fixture()
def seeded(empty_neo4j, seeds_graph):
    push(seeds_graph, empty_neo4j)
    return empty_neo4j


def test_cookbook_top_organizations(seeded, seeds_graph):
    _, rows = run_query(seeded, cookbook("top_organizations"), {"limit": 3})
    assert rows[0] == {"organization": "Microsoft",
                       "articles": seeds_graph.nodes["organization:Microsoft"]["articles"]}
    assert len(rows) == 3


def test_cookbook_organization_timeline(seeded, seeds_graph):
    _, rows = run_query(seeded, cookbook("organization_timeline"), {"name": "Microsoft"})
    months = Counter(seeds_graph.nodes[a]["published"][:7]
                     for a, _ in seeds_graph.in_edges("organization:Microsoft")
                     if seeds_graph.nodes[a].get("published"))
    assert {r["month"]: r["articles"] for r in rows} == dict(months)
    assert [r["month"] for r in rows] == sorted(months)


def test_cookbook_co_mentioned(seeded):
    _, rows = run_query(seeded, cookbook("co_mentioned_organizations"), {"name": "Microsoft", "limit": 50})
    by_name = {r["organization"]: r["articles"] for r in rows}
    assert by_name["Amazon"] >= 2 and "IBM" in by_name and "Microsoft" not in by_name


def test_cookbook_related_stories(seeded):
    url = "https://www.sfgate.com/news/article/Microsoft-won-t-sell-face-recognition-software-to-15335316.php"
    _, rows = run_query(seeded, cookbook("related_stories"), {"url": url})
    assert {r["publisher"] for r in rows} == {"MIT Technology Review", "Mashable"}


def test_cookbook_shortest_path(seeded):
    _, rows = run_query(seeded, cookbook("shortest_path_organizations"), {"from": "Clearview AI", "to": "OpenAI"})
    assert rows and rows[0]["path"][0] == "Clearview AI" and rows[0]["path"][-1] == "OpenAI"
    assert rows[0]["hops"] >= 2


def test_cookbook_topic_organizations(seeded):
    _, rows = run_query(seeded, cookbook("topic_organizations"), {"topic": "computer vision", "limit": 5})
    assert rows[0]["organization"] == "Microsoft"


def test_cookbook_publisher_organizations(seeded):
    _, rows = run_query(seeded, cookbook("publisher_organizations"), {"domain": "thedailybeast.com", "limit": 10})
    assert {"Microsoft", "Facebook"} <= {r["organization"] for r in rows}


def test_cookbook_biggest_events_of_a_month(seeded, seeds_graph):
    _, rows = run_query(seeded, cookbook("biggest_events_of_a_month"),
                        {"month": "2020-06", "limit": 5})
    want = sorted((a["name"], a["articles"]) for n, a in seeds_graph.nodes(data=True)
                  if a["kind"] == "event" and (a["first_published"] or "").startswith("2020-06"))
    assert sorted((r["event"], r["articles"]) for r in rows) == want and want
    assert rows[0]["articles"] == max(n for _, n in want)
    assert "The Daily Beast" in rows[0]["outlets"]


def test_events_push_idempotently_with_their_key(seeded, seeds_graph):
    push(seeds_graph, seeded)
    counts = database_counts(seeded)
    assert counts["nodes"]["Event"] == sum(1 for _, k in seeds_graph.nodes(data="kind")
                                           if k == "event")
    assert counts["relationships"]["REPORTS"] == sum(1 for *_, k in seeds_graph.edges(keys=True)
                                                     if k == "REPORTS")
    _, rows = run_query(seeded, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties "
                                "WHERE 'Event' IN labelsOrTypes RETURN properties")
    assert rows == [{"properties": ["key"]}]


# -- the CLI -------------------------------------------------------------------------------
def test_cli_push_and_query(empty_neo4j, neo4j_uri, seeds_build):
    runner = CliRunner()
    graph = str(seeds_build.files["graph"])
    result = runner.invoke(cli, ["neo4j", "push", graph, "--uri", neo4j_uri, "--password", "s3cret-pw"])
    assert result.exit_code == 0, result.output
    assert "Article" in result.stdout and "pushed" in result.stdout
    assert "s3cret-pw" not in result.output
    env = {"NEO4J_URI": neo4j_uri}
    q = runner.invoke(cli, ["neo4j", "query", cookbook("top_organizations"), "--param", "limit=2"], env=env)
    assert q.exit_code == 0, q.output
    lines = q.stdout.splitlines()
    assert lines[0].split() == ["organization", "articles"] and lines[2].startswith("Microsoft")
    by_name = runner.invoke(cli, ["neo4j", "query", "--cookbook", "top_organizations",
                                  "--param", "limit=2"], env=env)
    assert by_name.exit_code == 0 and by_name.stdout == q.stdout
    as_json = runner.invoke(cli, ["neo4j", "query", "RETURN $x AS x", "--param", 'x={"a": [1, 2]}',
                                  "--json"], env=env)
    assert json.loads(as_json.stdout) == [{"x": {"a": [1, 2]}}]
    refused = runner.invoke(cli, ["neo4j", "query", "CREATE (n:Scratch) RETURN n"], env=env)
    assert refused.exit_code == 1 and refused.stderr.startswith("Error: ")
    allowed = runner.invoke(cli, ["neo4j", "query", "CREATE (n:Scratch) RETURN count(n) AS c", "--write"], env=env)
    assert allowed.exit_code == 0, allowed.output


def test_cli_server_down_and_unknown_database(neo4j_uri, seeds_build):
    runner = CliRunner()
    graph = str(seeds_build.files["graph"])
    down = runner.invoke(cli, ["neo4j", "push", graph, "--uri", "bolt://127.0.0.1:9",
                               "--password", "hunter2-secret"])
    assert down.exit_code == 1
    assert down.stderr.count("\n") == 1 and "bolt://127.0.0.1:9" in down.stderr
    assert "scripts/neo4j start" in down.stderr and "hunter2-secret" not in down.output
    assert "Traceback" not in down.output
    nodb = runner.invoke(cli, ["neo4j", "push", graph, "--uri", neo4j_uri, "--database", "nosuchdb"])
    assert nodb.exit_code == 1 and "no database 'nosuchdb'" in nodb.stderr


# -- faults and bulk import on servers of their own ---------------------------------------
def test_push_killed_midway_then_repushed_converges(tmp_path, seeds_graph):
    home = tmp_path / "neo4j"
    uri = start_neo4j(home)
    port = int(uri.rsplit(":", 1)[1])
    settings = Settings(uri=uri)
    big = seeds_graph.copy()
    for i in range(3000):  # enough batches to be killed in the middle of
        big.add_node(f"topic:filler {i}", kind=m.TOPIC, name=f"filler {i}")
    driver = connect(settings, max_transaction_retry_time=1.0)
    pid = int((home / "pid").read_text())
    batches = []

    def progress(n: int) -> None:
        batches.append(n)
        if len(batches) == 5:
            os.kill(pid, signal.SIGKILL)

    try:
        with pytest.raises(Neo4jError, match="cannot reach Neo4j"), translate_errors(settings):
            push(big, driver, batch_size=100, progress=progress)
    finally:
        driver.close()
    try:
        uri = start_neo4j(home, port=port)
        driver = connect(Settings(uri=uri))
        partial = database_counts(driver)
        assert 0 < sum(partial["nodes"].values()) < big.number_of_nodes()
        push(big, driver, batch_size=100)
        assert database_counts(driver) == expected_counts(big)
        driver.close()
    finally:
        stop_neo4j(home)


def bulk_import(out: dict, csv_dir, home):
    """Run the real ``neo4j-admin database import full`` on written CSVs into ``home``."""
    import subprocess

    args = out["command"][4:]  # after "neo4j-admin database import full"
    done = subprocess.run([str(ROOT / "scripts" / "neo4j"), "import", *args], cwd=csv_dir,
                          env={**os.environ, "STORYGRAPH_NEO4J_HOME": str(home)},
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return home


def test_bulk_import_csv_gives_the_pushed_graph(tmp_path, seeds_graph):

    out = write_neo4j_csv(seeds_graph, tmp_path / "csv")
    readme = (tmp_path / "csv" / "README.md").read_text()
    assert "neo4j-admin database import full neo4j \\\n" in readme
    home = bulk_import(out, tmp_path / "csv", tmp_path / "neo4j")
    uri = start_neo4j(home)
    try:
        driver = connect(Settings(uri=uri))
        assert database_counts(driver) == expected_counts(seeds_graph)
        _, rows = run_query(driver, "MATCH (o:Organization {name: 'Microsoft'}) RETURN o.aliases AS a, o.mentions AS n")
        assert rows == [{"a": seeds_graph.nodes["organization:Microsoft"]["aliases"],
                         "n": seeds_graph.nodes["organization:Microsoft"]["mentions"]}]
        # the imported database accepts a push of the same graph without duplicates
        push(seeds_graph, driver)
        assert database_counts(driver) == expected_counts(seeds_graph)
        driver.close()
    finally:
        stop_neo4j(home)


def test_settings_never_show_the_password():
    s = Settings.from_env({"NEO4J_PASSWORD": "pw-123", "NEO4J_URI": "bolt://h:1"})
    assert s.password == "pw-123" and "pw-123" not in repr(s) and s.uri == "bolt://h:1"


def without_events(snap: tuple[list, list]) -> tuple[list, list]:
    nodes, rels = snap
    return ([n for n in nodes if '"Event"' not in n],
            [r for r in rels if '"t": "REPORTS"' not in r])


def snapshot(driver) -> tuple[list, list]:
    """Everything the database holds, in a comparable form."""
    _, nodes = run_query(driver, "MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    _, rels = run_query(driver, "MATCH (a)-[r]->(b) RETURN type(r) AS t, coalesce(a.url, a.name, a.domain) AS s, "
                                "coalesce(b.url, b.name, b.domain) AS e, properties(r) AS p")
    def key(row: dict) -> str:
        return json.dumps(row, sort_keys=True, default=str)
    return sorted(map(key, nodes)), sorted(map(key, rels))


def test_pushing_tables_streams_them_and_incremental_loads_add_up(empty_neo4j, neo4j_uri,
                                                                  data_dir, tmp_path,
                                                                  dask_client):
    import shutil

    from graph.build import build
    from graph.distributed import build_dask

    files = sorted((data_dir / "timeline").glob("*.md"))
    halves = [tmp_path / "first", tmp_path / "second"]
    for i, half in enumerate(halves):
        half.mkdir()
        for f in files[i::2]:
            shutil.copy(f, half / f.name)
    whole = build(halves, out_dir=None, html=False).graph
    push(whole, empty_neo4j)
    want = snapshot(empty_neo4j)
    with empty_neo4j.session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
    parts = [build_dask([half], address="unused", out_dir=tmp_path / f"out{i}", html=False,
                        client=dask_client, files_per_partition=2) for i, half in enumerate(halves)]
    ms = "organization:Microsoft"
    assert all(0 < p.graph.nodes[ms]["articles"] < whole.nodes[ms]["articles"] for p in parts)
    for i in range(2):
        result = CliRunner().invoke(cli, ["neo4j", "push", str(tmp_path / f"out{i}" / "tables"),
                                          "--uri", neo4j_uri,
                                          "--batch-size", "3"])
        assert result.exit_code == 0, result.output
    # Events are clustered within each build: a story whose reports fall in both halves
    # is two events there, one in the whole. Everything else adds up exactly.
    assert without_events(snapshot(empty_neo4j)) == without_events(want)


def test_bulk_import_from_the_tables_of_a_dask_build(tmp_path, seeds_graph, seeds_dir,
                                                     dask_client):

    from graph.distributed import build_dask

    build_dask([seeds_dir], address="unused", out_dir=tmp_path / "out", html=False,
               client=dask_client, files_per_partition=4)
    r = CliRunner().invoke(cli, ["export", str(tmp_path / "out"), "--format", "neo4j-csv",
                                 "-o", str(tmp_path / "csv")])
    assert r.exit_code == 0, r.output
    out = write_neo4j_csv(tmp_path / "out" / "tables", tmp_path / "csv", rows_per_file=10)
    mentions = dict(out["files"]["relationships"])["MENTIONS"]
    assert mentions[0] == "MENTIONS.header.csv" and len(mentions) == 1 + 7  # 67 rows, 10 a file
    home = bulk_import(out, tmp_path / "csv", tmp_path / "neo4j")
    uri = start_neo4j(home)
    try:
        driver = connect(Settings(uri=uri))
        assert database_counts(driver) == expected_counts(seeds_graph)
        imported = snapshot(driver)
        with driver.session() as session:
            session.run("MATCH (n) DETACH DELETE n").consume()
        push(seeds_graph, driver)
        assert snapshot(driver) == imported  # the same database as a push of the graph
        driver.close()
    finally:
        stop_neo4j(home)


def test_wrong_password_on_a_server_with_authentication(tmp_path, seeds_build):
    home = tmp_path / "neo4j-auth"
    home.mkdir()
    (home / "neo4j.conf").write_text("dbms.security.auth_enabled=true\n")
    uri = start_neo4j(home)
    try:
        result = CliRunner().invoke(cli, ["neo4j", "push", str(seeds_build.files["graph"]), "--uri", uri,
                                          "--user", "neo4j", "--password", "not-the-pw-42"])
        assert result.exit_code == 1
        assert result.stderr == (f"Error: Neo4j at {uri} refused user 'neo4j': wrong user or password; "
                                 f"set --user/--password or NEO4J_USERNAME/NEO4J_PASSWORD\n")
        assert "not-the-pw-42" not in result.output
    finally:
        stop_neo4j(home)


def test_renaming_an_entity_in_the_alias_table_keeps_one_node(empty_neo4j, tmp_path):
    from graph.build import build

    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "a.md").write_text('---\ntitle: "Zorblax Widgets opens a plant in Ohio"\n'
                                  'webUrl: "https://a.example/1"\n---\n')
    before = tmp_path / "before.yaml"
    before.write_text("organizations:\n  - name: Zorblax Widgets\n    id: zorblax\n")
    push(build([stories], out_dir=None, aliases=before).graph, empty_neo4j)
    (stories / "b.md").write_text('---\ntitle: "Zorblax Widgets hires 500 workers"\n'
                                  'webUrl: "https://b.example/2"\n---\n')
    after = tmp_path / "after.yaml"  # renamed: same id, the old name an alias
    after.write_text("organizations:\n  - name: Zorblax\n    id: zorblax\n"
                     "    aliases: [Zorblax Widgets]\n")
    G = build([stories], out_dir=None, aliases=after).graph
    assert G.nodes["organization:Zorblax"]["entity_id"] == "zorblax"
    push(G, empty_neo4j)
    _, rows = run_query(empty_neo4j, "MATCH (o:Organization) WHERE o.entity_id = 'zorblax' "
                                     "OR o.name STARTS WITH 'Zorblax' "
                                     "RETURN o.name AS name, o.articles AS articles, "
                                     "COUNT { (o)<-[:MENTIONS]-() } AS mentioned")
    assert rows == [{"name": "Zorblax", "articles": 2, "mentioned": 2}]


# -- typed relations -----------------------------------------------------------------------
def _relations(driver):
    _, rows = run_query(driver, "MATCH (a)-[r]->(b) WHERE type(r) IN $types "
                                "RETURN a.name AS a, type(r) AS type, b.name AS b, "
                                "r.articles AS articles, r.status AS status, "
                                "r.evidence_articles AS arts, r.evidence_texts AS texts "
                                "ORDER BY a, type, b", {"types": list(m.RELATION_KINDS)})
    return rows


def test_relations_push_as_named_types_with_their_evidence(empty_neo4j, relations_build):
    G = relations_build.graph
    push(G, empty_neo4j)
    rows = _relations(empty_neo4j)
    want = sorted((G.nodes[a]["name"], k, G.nodes[b]["name"])
                  for a, b, k in G.edges(keys=True) if k in m.RELATION_KINDS)
    assert [(r["a"], r["type"], r["b"]) for r in rows] == want
    deal = next(r for r in rows if r["type"] == "ACQUIRES" and r["a"] == "Pfizer")
    edge = G.edges["organization:Pfizer", "organization:Seagen", "ACQUIRES"]
    assert deal["status"] == "announced" and deal["articles"] == edge["articles"]
    assert deal["texts"] == [e["text"] for e in edge["evidence"]]
    assert deal["arts"] == [m.split_node_id(e["article"])[1] for e in edge["evidence"]]
    # idempotent: a second push changes nothing
    push(G, empty_neo4j)
    assert _relations(empty_neo4j) == rows


def test_relations_of_two_pushes_add_up(empty_neo4j, relations_build):
    """Two graphs that state one relation in different articles: after both pushes the
    relation holds the evidence of both, as one graph of all the stories would."""
    G = relations_build.graph
    edge = G.edges["organization:Pfizer", "organization:Seagen", "ACQUIRES"]
    first, second = nx.MultiDiGraph(), nx.MultiDiGraph()
    for part, evidence in ((first, edge["evidence"][:1]), (second, edge["evidence"][1:])):
        for n in ("organization:Pfizer", "organization:Seagen",
                  *{e["article"] for e in evidence}):
            part.add_node(n, **G.nodes[n])
        part.add_edge("organization:Pfizer", "organization:Seagen", key="ACQUIRES",
                      **{**edge, "evidence": evidence,
                         "articles": len({e["article"] for e in evidence})})
    push(first, empty_neo4j)
    push(second, empty_neo4j)
    push(second, empty_neo4j)  # again: nothing doubles
    [row] = _relations(empty_neo4j)
    assert sorted(row["texts"]) == sorted(e["text"] for e in edge["evidence"])
    assert row["articles"] == edge["articles"]


def test_cookbook_relations(empty_neo4j, relations_build):
    push(relations_build.graph, empty_neo4j)
    _, deals = run_query(empty_neo4j, cookbook("acquisitions_by_organization"),
                         {"name": "Pfizer"})
    assert [(r["target"], r["status"]) for r in deals] == [("Seagen", "announced")]
    assert "Seagen" in deals[0]["evidence"]
    _, fines = run_query(empty_neo4j, cookbook("who_fined_whom"), {"limit": 10})
    assert {(r["regulator"], r["fined"]) for r in fines} >= {
        ("Financial Conduct Authority", "Sonali Bank"),
        ("Consumer Financial Protection Bureau", "Wells Fargo")}
    _, leaders = run_query(empty_neo4j, cookbook("leadership_changes"), {"name": "Boeing"})
    # the board's chair too: "Board Chair Larry Kellner", of the story's one organization
    assert {r["person"] for r in leaders} == {"Dave Calhoun", "Kelly Ortberg", "Larry Kellner"}
    dated = [r["first_seen"] for r in leaders if r["first_seen"]]
    assert dated == sorted(dated)

"""Writes notebooks/*.ipynb from the cell sources below (so they are reviewed as code).

Run: python scripts/make_notebooks.py. The notebooks are committed without outputs;
CI executes them (tests/test_notebooks.py).
"""

from __future__ import annotations

from pathlib import Path

import nbformat as nbf

PARAMETERS = '''\
# Parameters: the graph this notebook reads. Set them here, or in the environment
# before starting Jupyter:
#   STORYGRAPH_GRAPH    a graph.json made by `storygraph build`;
#   STORYGRAPH_STORIES  else, a folder of stories to build one from (default: seeds/ of
#                       the storygraph checkout this notebook sits in, if it does);
#   STORYGRAPH_OUT      where that build writes (default: out/ beside the stories).
import os

GRAPH = os.environ.get("STORYGRAPH_GRAPH")
STORIES = os.environ.get("STORYGRAPH_STORIES")
OUT = os.environ.get("STORYGRAPH_OUT")'''

SETUP = '''\
from pathlib import Path

import pandas as pd

from graph import timeline
from graph.export.graphfiles import read_json

if GRAPH is None:
    if STORIES is None:
        here = [Path.cwd(), *Path.cwd().parents]
        STORIES = next((p / "seeds" for p in here if (p / "seeds").is_dir()), None)
    if STORIES is None:
        raise FileNotFoundError(
            "no graph to read: set STORYGRAPH_GRAPH to a graph.json, or STORYGRAPH_STORIES "
            "to a folder of stories (or GRAPH / STORIES in the cell above)")
    OUT = Path(OUT) if OUT else Path(STORIES).parent / "out"
    GRAPH = OUT / "graph.json"
    if not GRAPH.exists():
        from graph.build import build
        build([STORIES], out_dir=OUT)
G = read_json(GRAPH)
print(f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges from {GRAPH}")'''

TIMELINES = [
    ("md", """\
# How coverage unfolds: timelines of companies, people and topics

This notebook reads a graph that `storygraph build` made: by default that of the
stories in `seeds/` (built first if `out/graph.json` is missing); the first cell says
how to point it at another graph. It asks the graph questions over time with
`graph.timeline`. Every function returns a pandas object, so everything you know about
pandas applies. Periods are computed in UTC; stories without a publish date stay in the
graph but are left out of time series."""),
    ("parameters", PARAMETERS),
    ("code", SETUP),
    ("md", """\
## Who is covered most?

`top_entities` counts, for each organization, the articles that mention it (and the
mentions inside them). Give `since`/`until` to look at one window only."""),
    ("code", 'timeline.top_entities(G, kind="organization", n=10)'),
    ("md", """\
## Microsoft, Amazon, IBM and Clearview AI against each other

`compare` puts one column per name on a shared monthly index; missing months are zeros,
so the lines are comparable. `timeline.plot` draws it (any pandas plotting works too)."""),
    ("code", '''\
names = ["Microsoft", "Amazon", "IBM", "Clearview AI"]
monthly = timeline.compare(G, names, freq="M")
print("undated stories left out:", monthly.attrs["undated"])
monthly[monthly.sum(axis=1) > 0]'''),
    ("code", 'timeline.plot(monthly, title="Articles per month (UTC)", freq="M");'),
    ("md", """\
## The stories behind the highest peak

The month with the most coverage of the four together, and the stories that made it.
`stories` lists an entity's articles with date, title, publisher and link."""),
    ("code", '''\
peak = monthly.sum(axis=1).idxmax()
month = peak.strftime("%Y-%m")
print("peak month:", month)
behind = pd.concat([timeline.stories(G, name, since=month, until=month).assign(entity=name)
                    for name in names])
behind.groupby(["published", "title", "publisher", "url"], dropna=False)["entity"] \\
      .apply(", ".join).reset_index().sort_values("published")'''),
    ("md", """\
## Who appears next to Microsoft in that month?

`co_mentions` lists the entities mentioned in the same articles, within a window."""),
    ("code", 'timeline.co_mentions(G, "Microsoft", since=month, until=month)'),
    ("md", """\
## Bursts

A burst is a period whose article count is at least two standard deviations above the
entity's own mean (its z-score), with at least two articles."""),
    ("code", 'timeline.bursts(G, "Microsoft", freq="M")'),
    ("md", """\
## Events: one story, many outlets

Ten outlets carrying one story are ten articles but one **event**. `events` lists the
events, biggest first, with their outlets; `unit="event"` makes a timeline count each
story once, in the period of its first report."""),
    ("code", "timeline.events(G, top=10)"),
    ("code", '''\
articles = timeline.mentions(G, "Microsoft", freq="Y")
events = timeline.mentions(G, "Microsoft", freq="Y", unit="event")
pd.DataFrame({"articles": articles, "events": events})'''),
    ("md", """\
## Who did what to whom: typed relations

Besides co-mentions, the build reads what the stories state: who acquires, invests in,
sues, fines, partners with or leads whom. `relation_table` lists them, most reported
first, with the first sentence that says so (`storygraph relations` prints the same)."""),
    ("code", '''\
from graph.entities import relation_table

relations = pd.DataFrame(relation_table(G))
relations[["source", "type", "target", "status", "articles", "first_seen", "evidence"]]'''),
    ("md", """\
Each relation keeps all its evidence: every article that states it, with the sentence.
Here, who fined whom, and what each article said."""),
    ("code", '''\
for a, b, attrs in G.edges(data=True):
    if attrs["kind"] == "FINES":
        print(G.nodes[a]["name"], "fined", G.nodes[b]["name"])
        for item in attrs["evidence"]:
            print("   ", G.nodes[item["article"]].get("published") or "undated", "·", item["text"])'''),
    ("md", """\
## The neighbourhood of one entity, interactively

The same self-contained view that `storygraph html --focus` writes, shown inline without
writing a file (in a sandboxed frame: no network, no script from the stories). Search,
click a node for its articles, drag to rearrange; the PNG button saves a picture."""),
    ("code", '''\
from graph.export.html import show

show(G, focus="Clearview AI", depth=2, title="Clearview AI and its neighbours", height=540)'''),
]

CYPHER = [
    ("md", """\
# The graph in Neo4j: the Cypher cookbook as DataFrames

This notebook pushes a graph (by default that of `seeds/`; the first code cell says how
to choose another) to Neo4j and runs the questions of the Cypher cookbook
(`graph/neo4j/cookbook/*.cypher`). It connects with the variables Neo4j's own tools read:
`NEO4J_URI` (default `bolt://localhost:7687`), `NEO4J_USERNAME`, `NEO4J_PASSWORD`,
`NEO4J_DATABASE`. For a local test server: `scripts/neo4j start` prints the URI.
The push is idempotent: running this notebook twice leaves the same database."""),
    ("parameters", PARAMETERS),
    ("code", SETUP),
    ("code", '''\
from graph.neo4j.client import Settings, connect, database_counts, push, run_query
from graph.neo4j.queries import cookbook

settings = Settings.from_env()
driver = connect(settings)
summary = push(G, driver, database=settings.database)
print(f"pushed to {settings.uri} in {summary.seconds:.1f}s")
pd.DataFrame(database_counts(driver, database=settings.database))'''),
    ("md", """\
A small helper: run a cookbook question with parameters and get a DataFrame. Values always
travel as parameters (`$name` in the file), never pasted into the query."""),
    ("code", '''\
def cypher(question: str, /, **params) -> pd.DataFrame:
    columns, rows = run_query(driver, cookbook(question), params, database=settings.database)
    return pd.DataFrame(rows, columns=columns)


cypher("top_organizations", limit=10)'''),
    ("code", 'cypher("co_mentioned_organizations", name="Microsoft", limit=10)'),
    ("code", 'cypher("topic_organizations", topic="Computer Vision", limit=10)'),
    ("code", 'cypher("publisher_organizations", domain="thedailybeast.com", limit=10)'),
    ("code", '''\
seed = next(a for _, a in G.nodes(data=True) if str(a.get("source_file", "")).endswith("000_402f7e944cb3d5f6.txt"))
print(seed["title"])
cypher("related_stories", url=seed["url"])'''),
    ("code", 'cypher("shortest_path_organizations", **{"from": "Clearview AI", "to": "OpenAI"})'),
    ("md", """\
## One timeline, two ways

Microsoft's articles per month computed in Cypher (`organization_timeline.cypher`) next
to the same series from `graph.timeline`. They must agree."""),
    ("code", '''\
in_cypher = cypher("organization_timeline", name="Microsoft").set_index("month")["articles"]
in_pandas = timeline.mentions(G, "Microsoft", freq="M")
in_pandas = in_pandas[in_pandas > 0]
in_pandas.index = in_pandas.index.strftime("%Y-%m")
both = pd.DataFrame({"cypher": in_cypher, "graph.timeline": in_pandas})
assert (both["cypher"] == both["graph.timeline"]).all(), both
both'''),
    ("code", "driver.close()"),
]


def notebook(cells: list[tuple[str, str]]) -> nbf.NotebookNode:
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, (kind, source) in enumerate(cells):
        cell = nbf.v4.new_markdown_cell(source) if kind == "md" else nbf.v4.new_code_cell(source)
        if kind == "parameters":
            cell.metadata["tags"] = ["parameters"]  # papermill's parameters cell
        cell["id"] = f"cell-{i:02d}"  # stable ids: regenerating gives the same file
        nb.cells.append(cell)
    return nb


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "notebooks"
    for name, cells in (("01-timelines.ipynb", TIMELINES), ("02-neo4j-cypher.ipynb", CYPHER)):
        nbf.write(notebook(cells), out / name)
        print(out / name)


if __name__ == "__main__":
    main()

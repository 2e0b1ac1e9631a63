"""The files of ``neo4j-admin database import full``: one CSV header and part files per
label and relationship type, streamed from a graph or from a Dask build's tables."""

from __future__ import annotations

import contextlib
import os
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import networkx as nx

from graph import model as m
from graph.neo4j import queries
from graph.neo4j.records import records_of

#: Between array elements: a control character no name or title contains.
ARRAY_DELIMITER = "\x1f"
ID_SPACE = "storygraph"


class _ColumnTypes:
    """The Neo4j import type of each column, tallied over streamed values: ``string[]``
    when every value is a list, ``boolean``, ``long``, ``double``, else ``string``."""

    def __init__(self) -> None:
        self.flags: dict[str, list[bool]] = {}  # column: [list, bool, int, number]

    def add(self, properties: Mapping[str, Any]) -> None:
        for column, v in properties.items():
            flags = self.flags.setdefault(column, [True, True, True, True])
            if v is None:
                continue
            is_bool = isinstance(v, bool)
            flags[0] &= isinstance(v, list)
            flags[1] &= is_bool
            flags[2] &= isinstance(v, int) and not is_bool
            flags[3] &= isinstance(v, int | float) and not is_bool

    def columns(self) -> list[tuple[str, str]]:
        names = ("string[]", "boolean", "long", "double")
        return [(c, next((n for n, ok in zip(names, f, strict=True) if ok), "string"))
                for c, f in sorted(self.flags.items())]


def _cell(value: Any, typ: str) -> str:
    if value is None:
        return ""
    if typ == "string[]":
        return ARRAY_DELIMITER.join(str(v) for v in value)
    if typ == "boolean":
        return "true" if value else "false"
    return str(value)


def import_command(files: Mapping[str, list[tuple[str, list[str]]]], *,
                   database: str = "neo4j") -> list[str]:
    """The ``neo4j-admin database import full`` arguments for the written files: per
    label or type, its header file, then its part files."""
    args = ["neo4j-admin", "database", "import", "full", database]
    args += [f"--nodes={label}={','.join(names)}" for label, names in files["nodes"]]
    args += [f"--relationships={rel}={','.join(names)}"
             for rel, names in files["relationships"]]
    args += ["--array-delimiter=U+001F", "--multiline-fields=true",
             "--overwrite-destination=true"]
    return args


class _PartFiles:
    """CSV part files per label or type, a new one every ``rows_per_file`` rows; each is
    written atomically into the caller's :class:`~graph.files.OutputSet`."""

    def __init__(self, out: os.PathLike[str], outputs: Any, rows_per_file: int) -> None:
        self.out, self.outputs, self.rows_per_file = out, outputs, rows_per_file
        self.names: dict[str, list[str]] = defaultdict(list)
        self._open: dict[str, list[Any]] = {}  # name: [ExitStack, csv writer, rows]

    def writer(self, name: str) -> Any:
        import csv
        from pathlib import Path

        from graph.files import atomic_write

        current = self._open.get(name)
        if current is None or current[2] >= self.rows_per_file:
            if current is not None:
                current[0].close()
            part = f"{name}.part-{len(self.names[name]):05d}.csv"
            self.names[name].append(part)
            stack = contextlib.ExitStack()
            fh = stack.enter_context(atomic_write(Path(self.out) / part, newline="",
                                                  outputs=self.outputs))
            current = self._open[name] = [stack, csv.writer(fh, lineterminator="\n"), 0]
        current[2] += 1
        return current[1]

    def __enter__(self) -> _PartFiles:
        return self

    def __exit__(self, *exc: Any) -> None:
        for stack, _, _ in self._open.values():
            stack.__exit__(*exc)
        self._open.clear()


def write_neo4j_csv(source: nx.MultiDiGraph | str | os.PathLike[str],
                    directory: str | os.PathLike[str], *, batch_size: int = 100_000,
                    rows_per_file: int = 1_000_000) -> dict[str, Any]:
    """Write the CSVs of ``neo4j-admin database import full`` and a README into ``directory``.

    ``source`` is a graph, or the tables folder of a Dask build (streamed: a billion
    rows never go through memory or Bolt). Per label (``Organization``…) and per
    relationship type (``MENTIONS``…): a header file (``Organization.header.csv``) and
    part files of at most ``rows_per_file`` rows (``Organization.part-00000.csv``…).
    Ids live in one id space, ``storygraph``, and are the networkx node ids; the key
    properties (``url``, ``name``, ``key``, ``domain``) are ordinary columns. List
    properties are typed ``string[]`` with U+001F between elements. Returns the files
    by role and the import command.
    """
    from pathlib import Path

    from graph.files import OutputSet, output_error, write_text

    records = records_of(source)
    out = Path(directory)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(out, exc) from exc
    # First pass: the columns and their types, which the header files state.
    node_types: dict[str, _ColumnTypes] = defaultdict(_ColumnTypes)
    for kind, batch in records.nodes(batch_size):
        for _, p in batch:
            node_types[kind].add(p)
    rel_types: dict[str, _ColumnTypes] = defaultdict(_ColumnTypes)
    for rel, batch in records.relationships(batch_size):
        for _, _, p in batch:
            rel_types[rel].add(p)
    written: dict[str, list[tuple[str, list[str]]]] = {"nodes": [], "relationships": []}
    with OutputSet() as outputs:
        parts = _PartFiles(out, outputs, rows_per_file)
        with parts:
            for kind, batch in records.nodes(batch_size):
                label, columns = m.LABELS[kind], node_types[kind].columns()
                for n, p in batch:
                    parts.writer(label).writerow([n, *(_cell(p.get(c), typ)
                                                       for c, typ in columns)])
            for rel, batch in records.relationships(batch_size):
                columns = rel_types[rel].columns()
                for u, v, p in batch:
                    parts.writer(rel).writerow([u, v, rel, *(_cell(p.get(c), typ)
                                                             for c, typ in columns)])

        def header(name: str, ids: list[str], columns: list[tuple[str, str]]) -> str:
            head = f"{name}.header.csv"
            cells = [*ids, *(c if typ == "string" else f"{c}:{typ}" for c, typ in columns)]
            write_text(out / head, ",".join(cells) + "\n", outputs=outputs)
            return head

        for kind, types in sorted(node_types.items()):
            label = m.LABELS[kind]
            head = header(label, [f":ID({ID_SPACE})"], types.columns())
            written["nodes"].append((label, [head, *parts.names[label]]))
        for rel, types in sorted(rel_types.items()):
            head = header(rel, [f":START_ID({ID_SPACE})", f":END_ID({ID_SPACE})", ":TYPE"],
                          types.columns())
            written["relationships"].append((rel, [head, *parts.names[rel]]))
        command = import_command(written)
        write_text(out / "README.md", _CSV_README.format(
            command=" \\\n    ".join([" ".join(command[:5]), *command[5:]]),
            constraints="\n".join(queries.constraint(lbl, m.KEY_PROPERTY[k]) + ";"
                                  for k, lbl in m.LABELS.items())), outputs=outputs)
    return {"files": written, "command": command, "directory": out}


_CSV_README = """\
# storygraph bulk-import CSV

These files load a storygraph graph into an empty Neo4j database with the offline
importer (much faster than `storygraph neo4j push` for millions of rows). Stop the
database server first, run from this folder:

```sh
{command}
```

(`--overwrite-destination=true` replaces the database `neo4j`; pick another name to keep
it.) Then start the server and create the unique constraints `storygraph neo4j push`
would create, so later pushes MERGE into the same nodes:

```cypher
{constraints}
```

Array properties (`aliases`, `forms`) use U+001F between elements; ids are the
networkx node ids in the id space `storygraph` and are not stored as properties.
"""

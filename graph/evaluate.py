"""Scoring a built graph against hand-checked gold entities (``storygraph eval``).

Gold format (see shared/corpus/dev/gold.yaml): a mapping from story file name to
``organizations``, ``people`` and ``places``, each a list of ``{name, mentions}``:
the canonical entity and every surface form written in that story's title + excerpt.

What is scored, per kind and over all kinds:

- **strict**: a predicted (story, kind, node name) is right when the gold has the same
  canonical name of the same kind for that story.
- **lenient**: a predicted entity is right when its name or one of the surface forms it
  was found under in that story equals the gold name or one of the gold mentions
  (compared case-insensitively, quotes normalised), of the same kind. Each gold entity
  and each prediction is matched at most once.
- **split**: gold entities that the graph spreads over more than one node (nodes found,
  in any story, under one of the entity's gold surface forms).
- **merged**: nodes that stand for more than one gold entity.

Typed relations (``relations.yaml`` beside the gold: per story file, a list of ``{type,
source, target[, status][, optional]}`` between canonical names of ``gold.yaml``) are
scored per type (:func:`score_relations`): a relation the graph states for an article
(its evidence names the article) is right when the story's gold has one of the same type
whose source and target it matches, by name or one of the gold entity's mentions in that
story (either way round for ``PARTNERS_WITH``). A match of an ``optional`` gold relation
counts neither way. Of the right ``ACQUIRES`` with a gold status, the share whose status
agrees is reported apart.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import yaml

from extract.errors import StorygraphError
from extract.kinds import GROUPS, RELATION_KINDS, UNDIRECTED
from extract.names import fold_name
from graph import model as m


class GoldFileError(StorygraphError):
    """A gold-annotation file is invalid or names stories that are not in the corpus."""


GOLD_KINDS = GROUPS  # the gold files group entities as the aliases files do


@dataclass(frozen=True, slots=True)
class GoldEntity:
    name: str
    kind: str
    mentions: tuple[str, ...]


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(slots=True)
class EvalResult:
    """The numbers of one evaluation; ``as_dict`` is what ``--json`` prints."""

    strict: dict[str, Score]
    lenient: dict[str, Score]
    split: list[dict[str, Any]] = field(default_factory=list)
    merged: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    stories: int = 0
    #: Same-event scores (:func:`score_events`), when the corpus has events gold.
    events: EventScores | None = None
    #: Typed-relation scores (:func:`score_relations`), when the corpus has relations gold.
    relations: RelationScores | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "stories": self.stories,
            "strict": {k: s.as_dict() for k, s in self.strict.items()},
            "lenient": {k: s.as_dict() for k, s in self.lenient.items()},
            "split": self.split, "merged": self.merged, "errors": self.errors,
            "events": self.events.as_dict() if self.events is not None else None,
            "relations": self.relations.as_dict() if self.relations is not None else None,
        }


@dataclass(slots=True)
class RelationScores:
    """Typed-relation quality per type (and ``all``), and the status agreement of the
    right ``ACQUIRES`` whose gold states one."""

    per_type: dict[str, Score]
    status_right: int = 0
    status_scored: int = 0
    stories: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"stories": self.stories,
                "per_type": {k: s.as_dict() for k, s in self.per_type.items()},
                "status": {"right": self.status_right, "scored": self.status_scored},
                "errors": self.errors}


@dataclass(frozen=True, slots=True)
class GoldRelation:
    kind: str
    source: str
    target: str
    status: str | None = None
    optional: bool = False


def read_relation_gold(path: str | os.PathLike[str]) -> dict[str, list[GoldRelation]]:
    """The relations gold: story file name → its relations."""

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise GoldFileError(f"{path}: cannot read the relations gold ({exc})") from exc
    shape = "a mapping from story file name to a list of {type, source, target}"
    if not isinstance(data, dict):
        raise GoldFileError(f"{path}: expected {shape}")
    gold: dict[str, list[GoldRelation]] = {}
    for story, items in data.items():
        if not isinstance(items, list):
            raise GoldFileError(f"{path}: entry {story!r} must be a list; expected {shape}")
        found = []
        for item in items:
            if not (isinstance(item, dict) and item.get("type") in RELATION_KINDS
                    and isinstance(item.get("source"), str)
                    and isinstance(item.get("target"), str)):
                raise GoldFileError(f"{path}: {story}: {item!r} is not a relation; expected "
                                    f"{{type: one of {', '.join(RELATION_KINDS)}, source, "
                                    f"target}}")
            found.append(GoldRelation(item["type"], item["source"], item["target"],
                                      item.get("status"), bool(item.get("optional"))))
        gold[str(story)] = found
    return gold


def score_relations(G: nx.MultiDiGraph, gold: dict[str, list[GoldRelation]],
                    entities: dict[str, list[GoldEntity]]) -> RelationScores:
    """Score the relation edges of ``G`` per story against ``gold`` (see the module
    docstring); ``entities`` (the entity gold) gives each gold name's mentions."""

    files = {attrs["source_file"] and Path(attrs["source_file"]).name: art
             for art, attrs in G.nodes(data=True)
             if attrs.get("kind") == m.ARTICLE and attrs.get("source_file")}
    stated: dict[str, list[tuple[str, str, str, str | None]]] = defaultdict(list)
    for a, b, attrs in G.edges(data=True):
        if attrs.get("kind") in RELATION_KINDS:
            for ev in attrs.get("evidence", ()):
                stated[ev["article"]].append((attrs["kind"], a, b, attrs.get("status")))
    per_type = {k: Score() for k in (*RELATION_KINDS, "all")}
    result = RelationScores(per_type)

    def spellings(story: str, name: str) -> set[str]:
        found = {fold_name(name)}
        for e in entities.get(story, ()):
            if e.name == name:
                found.update(map(fold_name, e.mentions))
        return found

    def node_spellings(node: str) -> set[str]:
        attrs = G.nodes[node]
        return {fold_name(attrs.get("name", "")), *map(fold_name, attrs.get("aliases", ()))}

    for story in sorted(set(gold) | {f for f in files if stated.get(files[f])}):
        art = files.get(story)
        if art is None:
            continue
        result.stories += 1
        expected = list(gold.get(story, ()))
        matched: set[int] = set()
        for kind, a, b, status in sorted(set(stated.get(art, ()))):
            pa, pb = node_spellings(a), node_spellings(b)
            hit = None
            for i, g in enumerate(expected):
                if g.kind != kind or i in matched:
                    continue
                gs, gt = spellings(story, g.source), spellings(story, g.target)
                if (pa & gs and pb & gt) or (kind in UNDIRECTED and pa & gt and pb & gs):
                    hit = i
                    break
            got = f"{G.nodes[a].get('name')} -> {G.nodes[b].get('name')}"
            if hit is None:
                for score in (per_type[kind], per_type["all"]):
                    score.fp += 1
                result.errors.append({"article": story, "error": "wrong", "kind": kind,
                                      "got": got, "expected": ""})
                continue
            matched.add(hit)
            g = expected[hit]
            if g.optional:
                continue
            for score in (per_type[kind], per_type["all"]):
                score.tp += 1
            if kind == "ACQUIRES" and g.status:
                result.status_scored += 1
                result.status_right += status == g.status
        for i, g in enumerate(expected):
            if i not in matched and not g.optional:
                for score in (per_type[g.kind], per_type["all"]):
                    score.fn += 1
                result.errors.append({"article": story, "error": "missed", "kind": g.kind,
                                      "got": "", "expected": f"{g.source} -> {g.target}"})
    return result


@dataclass(slots=True)
class EventScores:
    """Same-event quality: pairwise (every pair of stories: same event or not) and
    B-cubed (per story: how much of its predicted cluster is its gold cluster)."""

    pairwise: Score
    bcubed_precision: float
    bcubed_recall: float
    stories: int
    #: Story pairs wrongly joined or missed, by file name.
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def bcubed_f1(self) -> float:
        p, r = self.bcubed_precision, self.bcubed_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"stories": self.stories, "pairwise": self.pairwise.as_dict(),
                "bcubed": {"precision": round(self.bcubed_precision, 4),
                           "recall": round(self.bcubed_recall, 4),
                           "f1": round(self.bcubed_f1, 4)},
                "errors": self.errors}


def read_event_gold(path: str | os.PathLike[str]) -> list[list[str]]:
    """The clusters of an events gold file (``clusters: [[file, file, ...], ...]``)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GoldFileError(f"{path}: cannot read the events gold ({exc})") from exc
    clusters = data.get("clusters") if isinstance(data, dict) else None
    if not isinstance(clusters, list) or not all(
            isinstance(c, list) and all(isinstance(f, str) for f in c) for c in clusters):
        raise GoldFileError(f"{path}: expected 'clusters:' with a list of lists of story "
                            f"file names")
    return clusters


def score_events(G: nx.MultiDiGraph, clusters: list[list[str]]) -> EventScores:
    """Score the graph's events against gold clusters over the stories read from files
    (a story in no gold cluster, or in no event, is an event of its own)."""
    predicted: dict[str, str] = {}
    for n, attrs in G.nodes(data=True):
        if attrs.get("kind") == m.ARTICLE and attrs.get("source_file"):
            name = Path(attrs["source_file"]).name
            events = [v for _, v, k in G.out_edges(n, keys=True) if k == m.REPORTS]
            predicted[name] = events[0] if events else f"alone:{name}"
    gold = {name: f"alone:{name}" for name in predicted}
    for i, cluster in enumerate(clusters):
        for name in cluster:
            if name in gold:
                gold[name] = f"gold:{i}"
    names = sorted(predicted)
    score = Score()
    errors = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            same_p, same_g = predicted[a] == predicted[b], gold[a] == gold[b]
            if same_p and same_g:
                score.tp += 1
            elif same_p:
                score.fp += 1
                errors.append({"error": "joined", "a": a, "b": b})
            elif same_g:
                score.fn += 1
                errors.append({"error": "missed", "a": a, "b": b})
    by_p: dict[str, set[str]] = defaultdict(set)
    by_g: dict[str, set[str]] = defaultdict(set)
    for name in names:
        by_p[predicted[name]].add(name)
        by_g[gold[name]].add(name)
    bp = sum(len(by_p[predicted[n]] & by_g[gold[n]]) / len(by_p[predicted[n]]) for n in names)
    br = sum(len(by_p[predicted[n]] & by_g[gold[n]]) / len(by_g[gold[n]]) for n in names)
    count = len(names) or 1
    return EventScores(score, bp / count, br / count, len(names), errors)



def read_gold(path: str | os.PathLike[str]) -> dict[str, list[GoldEntity]]:
    """Read a gold file; raises GoldFileError naming the entry and the expected shape."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldFileError(f"{path}: no such gold file; pass --gold FILE") from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise GoldFileError(f"{path}: not a readable YAML gold file ({exc})") from exc
    if not isinstance(data, dict):
        raise GoldFileError(f"{path}: expected a mapping from story file name to entities")
    gold: dict[str, list[GoldEntity]] = {}
    shape = "{organizations: [{name, mentions: [...]}], people: [...], places: [...]}"
    for story, groups in data.items():
        if not isinstance(groups, dict):
            raise GoldFileError(f"{path}: entry {story!r} must be a mapping like {shape}")
        entities = []
        for group, kind in GOLD_KINDS.items():
            for item in groups.get(group) or []:
                if not (isinstance(item, dict) and isinstance(item.get("name"), str)):
                    raise GoldFileError(f"{path}: {story}.{group} has an entry without a "
                                        f"text 'name': {item!r}; expected {shape}")
                mentions = item.get("mentions") or []
                if not isinstance(mentions, list):
                    raise GoldFileError(f"{path}: {story}.{group} {item['name']!r}: "
                                        f"'mentions' must be a list")
                entities.append(GoldEntity(item["name"], kind, tuple(map(str, mentions))))
        gold[str(story)] = entities
    return gold


@dataclass(frozen=True, slots=True)
class _Predicted:
    node: str
    name: str
    kind: str
    forms: tuple[str, ...]


def _predictions(G: nx.MultiDiGraph) -> dict[str, list[_Predicted]]:
    """Entities mentioned by each article read from a file, keyed by the file name."""
    out: dict[str, list[_Predicted]] = {}
    for art, attrs in G.nodes(data=True):
        if attrs.get("kind") != m.ARTICLE or not attrs.get("source_file"):
            continue
        preds = []
        for _, ent, key, edge in G.out_edges(art, keys=True, data=True):
            if key == m.MENTIONS:
                e = G.nodes[ent]
                preds.append(_Predicted(ent, e["name"], e["kind"], tuple(edge.get("forms", ()))))
        out[Path(attrs["source_file"]).name] = preds
    return out


def _lenient_match(pred: _Predicted, gold: GoldEntity) -> bool:
    spellings = {fold_name(gold.name), *map(fold_name, gold.mentions)}
    return pred.kind == gold.kind and bool({fold_name(pred.name), *map(fold_name, pred.forms)} & spellings)


def score_graph(G: nx.MultiDiGraph, gold: dict[str, list[GoldEntity]]) -> EvalResult:
    """Score the entity nodes of ``G`` against ``gold`` (see the module docstring)."""
    predicted = _predictions(G)
    missing = sorted(set(gold) - set(predicted))
    if missing:
        raise GoldFileError(f"the gold file names {len(missing)} stories that are not in "
                            f"the corpus: {', '.join(missing)}")
    kinds = (*m.ENTITY_KINDS, "all")
    strict = {k: Score() for k in kinds}
    lenient = {k: Score() for k in kinds}
    errors: list[dict[str, Any]] = []
    nodes_of_gold: dict[tuple[str, str], set[str]] = defaultdict(set)
    gold_of_node: dict[str, set[tuple[str, str]]] = defaultdict(set)

    for story in sorted(gold):
        expected = gold[story]
        preds = predicted[story]
        # strict
        want = {(g.kind, g.name) for g in expected}
        got = {(p.kind, p.name) for p in preds}
        for kind in m.ENTITY_KINDS:
            tp = len({x for x in want & got if x[0] == kind})
            fp = len({x for x in got - want if x[0] == kind})
            fn = len({x for x in want - got if x[0] == kind})
            for bucket in (strict[kind], strict["all"]):
                bucket.tp += tp
                bucket.fp += fp
                bucket.fn += fn
        # lenient, and the node ↔ gold map for split/merged (kind-blind: a node of the
        # wrong kind still splits the entity)
        unmatched = list(preds)
        for g in expected:
            spellings = {fold_name(g.name), *map(fold_name, g.mentions)}
            for p in preds:
                if {fold_name(p.name), *map(fold_name, p.forms)} & spellings:
                    nodes_of_gold[(g.kind, g.name)].add(p.node)
                    gold_of_node[p.node].add((g.kind, g.name))
            hit = next((p for p in unmatched if _lenient_match(p, g)), None)
            if hit is not None:
                unmatched.remove(hit)
                lenient[g.kind].tp += 1
                lenient["all"].tp += 1
            else:
                lenient[g.kind].fn += 1
                lenient["all"].fn += 1
        for p in unmatched:
            lenient[p.kind].fp += 1
            lenient["all"].fp += 1
        errors.extend(_story_errors(story, expected, preds))

    split = [{"kind": k, "expected": n, "nodes": sorted(nodes)}
             for (k, n), nodes in sorted(nodes_of_gold.items()) if len(nodes) > 1]
    merged = [{"node": node, "gold": sorted(f"{k}:{n}" for k, n in golds)}
              for node, golds in sorted(gold_of_node.items()) if len(golds) > 1]
    return EvalResult(strict, lenient, split, merged, errors, stories=len(gold))


def _story_errors(story: str, expected: list[GoldEntity], preds: list[_Predicted]
                  ) -> list[dict[str, Any]]:
    """Every strict error of one story, explained: what was expected and what was got.

    A gold entity not found under its name is "missed", or "wrong name or kind" when a
    node was found under one of its spellings; a node that is no gold entity is
    "spurious", or "extra node" when it stands for a gold entity already found.
    """
    errors = []
    got = {(p.kind, p.name): p for p in preds}
    want = {(g.kind, g.name): g for g in expected}

    def spellings(g: GoldEntity) -> set[str]:
        return {fold_name(g.name), *map(fold_name, g.mentions)}

    def names(p: _Predicted) -> set[str]:
        return {fold_name(p.name), *map(fold_name, p.forms)}

    reported: set[tuple[str, str]] = set()
    for key in sorted(set(want) - set(got)):
        g = want[key]
        near = [p for p in preds if names(p) & spellings(g)]
        reported.update((p.kind, p.name) for p in near)
        errors.append({"article": story, "kind": g.kind, "expected": g.name,
                       "got": ", ".join(f"{p.kind}:{p.name}" for p in near) or None,
                       "error": "wrong name or kind" if near else "missed"})
    for key in sorted(set(got) - set(want) - reported):
        p = got[key]
        twin = next((g for g in expected if names(p) & spellings(g)), None)
        errors.append({"article": story, "kind": p.kind,
                       "expected": twin.name if twin else None, "got": p.name,
                       "error": "extra node" if twin else "spurious"})
    return errors


def evaluate(corpus_dir: str | os.PathLike[str], gold_path: str | os.PathLike[str] | None = None,
             *, model: str | None = None, aliases: str | os.PathLike[str] | None = None
             ) -> EvalResult:
    """Build the stories of ``corpus_dir`` (nothing written) and score them against gold.

    ``gold_path`` defaults to ``corpus_dir/gold.yaml``.
    """
    from graph.build import build

    gold = read_gold(gold_path or Path(corpus_dir) / "gold.yaml")
    result = build([corpus_dir], out_dir=None, model=model, aliases=aliases)
    scores = score_graph(result.graph, gold)
    events_gold = Path(gold_path).with_name("events.yaml") if gold_path else \
        Path(corpus_dir) / "events.yaml"
    if events_gold.exists():
        scores.events = score_events(result.graph, read_event_gold(events_gold))
    relations_gold = events_gold.with_name("relations.yaml")
    if relations_gold.exists():
        scores.relations = score_relations(result.graph, read_relation_gold(relations_gold),
                                           gold)
    return scores


def relation_rows(scores: RelationScores) -> list[dict[str, Any]]:
    """One table row per relation type: precision, recall, F1 and counts."""
    return [{"type": kind, "P": f"{s.precision:.3f}", "R": f"{s.recall:.3f}",
             "F1": f"{s.f1:.3f}", "tp": s.tp, "fp": s.fp, "fn": s.fn}
            for kind, s in scores.per_type.items()]


def result_rows(result: EvalResult) -> list[dict[str, Any]]:
    """One table row per kind: strict and lenient precision, recall, F1."""
    rows = []
    for kind in result.strict:
        s, lenient = result.strict[kind], result.lenient[kind]
        rows.append({"kind": kind, "P": f"{s.precision:.3f}", "R": f"{s.recall:.3f}",
                     "F1": f"{s.f1:.3f}", "lenient P": f"{lenient.precision:.3f}",
                     "lenient R": f"{lenient.recall:.3f}", "lenient F1": f"{lenient.f1:.3f}",
                     "tp": s.tp, "fp": s.fp, "fn": s.fn})
    return rows


__all__ = ["EvalResult", "GoldEntity", "GoldRelation", "RelationScores", "Score", "evaluate",
           "read_gold", "read_relation_gold", "relation_rows", "result_rows", "score_graph",
           "score_relations"]

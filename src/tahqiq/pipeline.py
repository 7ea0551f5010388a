"""The pipeline: per-document stages as pure functions, cross-document stages on records.

``analyse`` is ``Document -> Analysis`` (text, mentions, claims) and is what a
process pool or a distributed engine runs; ``link`` resolves entities, finds
copied text and groups claims over what the store holds; ``build`` ties them
together and is incremental: a document whose id (hash of its cleaned text)
is already stored is not processed again.

``build`` is the one orchestration of a build, whatever the engine: an engine
(``engines.base.Engine``: the local process pool by default, or Spark) only maps
the batch function passed to it and computes the copied-text candidate join.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tahqiq.corroborate import reuse as reuse_mod
from tahqiq.corroborate.sources import build_claims
from tahqiq.engines.base import Engine
from tahqiq.engines.local import LocalEngine
from tahqiq.engines.local import default_workers as default_workers  # re-exported
from tahqiq.errors import InputError, TahqiqError
from tahqiq.extract.claims import extract_claims
from tahqiq.extract.mentions import combine, find_mentions
from tahqiq.ingest import read_inputs
from tahqiq.limits import limits
from tahqiq.model import Analysis, Document, Mention
from tahqiq.provenance import link_versions, tool_versions
from tahqiq.text import latin
from tahqiq.resolve.entities import resolve_graph
from tahqiq.provenance import LINK_VERSION
from tahqiq.resolve.incremental import resolve_increment
from tahqiq.resolve.review import active_decisions
from tahqiq.store import GraphDelta, Store
from tahqiq.store.sql import is_file_source
from tahqiq.text.normalize import visible
from tahqiq.text.segment import sentences, tokens

log = logging.getLogger(__name__)

BATCH = 64


# Skipped inputs a report keeps in full; past that only counted (each is also passed to
# ``on_error`` as it happens), so a million refused lines cost a counter, not a list.
KEEP_SKIPPED = 1000


@dataclass
class BuildReport:
    stored: int = 0
    unchanged: int = 0
    skipped: list[InputError] = field(default_factory=list)  # the first KEEP_SKIPPED
    entities: int = 0
    claims: int = 0
    reuse_pairs: int = 0
    # (document id, evidence record) of inputs read again whose cleaned text is already stored
    seen_again: list[tuple[str, dict]] = field(default_factory=list)
    skipped_count: int = 0
    warnings: list[str] = field(default_factory=list)
    replaced: int = 0  # older versions of edited articles replaced by this build

    def skip(self, e: InputError, on_error: Callable[[InputError], None] | None = None) -> None:
        """Record a skipped input: its file, line and reason (never the input itself)."""
        self.skipped_count += 1
        e.__traceback__ = e.__context__ = e.__cause__ = None
        if len(self.skipped) < KEEP_SKIPPED:
            self.skipped.append(e)
        if on_error:
            on_error(e)


def _model(mode: str):
    """The NER model of `mode`; None where the fast model is unavailable (rules only then)."""
    try:
        from tahqiq.extract.ner import load_model
        return load_model() if mode == "fast" else load_model(mode)
    except (ImportError, TahqiqError) as e:
        if mode != "fast":
            raise
        log.debug("NER model unavailable, rules only: %s", e)
        return None


def _ner_mentions(doc: Document, mode: str, spans: list | None = None) -> list[Mention]:
    """Mentions from the NER's `spans` of ``doc.text`` (predicted here when not given)."""
    if mode == "rules":
        return []
    if spans is None:
        model = _model(mode)
        if model is None:
            return []
        spans = model.predict(doc.text)
    out = []
    for s, e, t in spans:
        while s < e and doc.text[s].isspace():  # a mention never starts or ends on white space
            s += 1
        while e > s and doc.text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Mention(doc.id, s, e, doc.text[s:e], t, "ner"))
    return out


# Documents per NER call in analyse_batch: a few together run about 7% faster than one
# at a time; many more only grow the worker's memory (64 at once: +380 MiB).
NER_DOCS = 4


def _ner_batch(docs: list[Document], mode: str) -> list[list | None]:
    """The NER spans of each document's visible text, NER_DOCS documents per
    ``predict_batch``. None for the documents of a group where that fails: each is
    then predicted alone, so one bad document still fails alone."""
    try:
        model = None if mode == "rules" else _model(mode)
    except Exception:  # noqa: BLE001 - each document's analyse reports it
        model = None
    if model is None:
        return [None] * len(docs)
    out: list[list | None] = []
    for k in range(0, len(docs), NER_DOCS):
        group = docs[k:k + NER_DOCS]
        try:
            out.extend(model.predict_batch([visible(d.text).text for d in group]))
        except Exception:  # retried document by document (logged: not a blind except)
            log.debug("batched NER failed; predicting document by document", exc_info=True)
            out.extend([None] * len(group))
    return out


def analyse(doc: Document, ner: str = "fast", ner_spans: list | None = None) -> Analysis:
    """Per-document stages. Needs a cleaned ``Document``; adds sentences, tokens,
    mentions (NER + gazetteer + name rules) and per-document claims. `ner_spans`: the
    NER's spans of ``visible(doc.text).text`` when already predicted (``analyse_batch``)."""
    sents = sentences(doc.text)
    toks = tokens(doc.text)
    mentions = _mentions(doc, ner, toks, ner_spans)
    assertions = extract_claims(doc.id, doc.text, sents, mentions, published=doc.published)
    doc.record = {**(doc.record or {}), "produced_by": tool_versions(ner)}
    return Analysis(doc, sents, toks, mentions, assertions)


def _mentions(doc: Document, ner: str, toks, ner_spans: list | None = None) -> list[Mention]:
    """NER + gazetteer + name rules. Zero-width and bidi characters hide inside names
    ("حا\u200dمد"), so the finders read the text without them and the spans are
    mapped back to ``doc.text``."""
    v = visible(doc.text)
    if len(v.text) == len(doc.text):
        return combine(_ner_mentions(doc, ner, ner_spans), find_mentions(doc.id, doc.text, toks), doc.text)
    shadow = Document(text=v.text, source=doc.source)
    found = combine(_ner_mentions(shadow, ner, ner_spans), find_mentions(shadow.id, v.text, tokens(v.text)), v.text)
    out = []
    for m in found:
        s, e = v.to_original(m.start, m.end)
        out.append(Mention(doc.id, s, e, doc.text[s:e], m.type, m.source))
    return out


def analyse_batch(docs: list[Document], ner: str = "fast") -> list[tuple[Analysis, list[tuple[int, str]]]]:
    """Batch form of the per-document stages (what a worker process or Spark task runs).
    A document that makes a stage fail comes back with ``Analysis.error`` set: one bad
    document never stops a batch."""
    out = []
    budget = limits().doc_seconds
    for d, spans in zip(docs, _ner_batch(docs, ner)):
        try:
            with _budget(budget):
                out.append((analyse(d, ner, spans), reuse_mod.fingerprints(d)))
        except OverBudget:
            log.warning("%s: abandoned after %s s", d.source, budget)
            out.append((Analysis(d, error=over_budget(budget)), []))
        except Exception as e:  # reported per document by the caller
            log.warning("%s: analysis failed", d.source, exc_info=True)
            out.append((Analysis(d, error=f"{type(e).__name__}: {str(e)[:200]}"), []))
    return out


class OverBudget(Exception):
    """A document's analysis ran past its time budget."""


def over_budget(seconds: float) -> str:
    return f"abandoned after {seconds:g} s, over the per-document time budget (TAHQIQ_DOC_SECONDS)"


@contextmanager
def _budget(seconds: float):
    """Raise ``OverBudget`` in this (main) thread after ``seconds``: a timer signal, so pure
    Python work is cut short; a worker stuck inside C code is replaced by the pool instead
    (``map_batches``'s timeout). No-op off the main thread."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def fire(signum, frame):
        raise OverBudget()

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _abandoned(batch: list[Document]) -> list[tuple[Analysis, list]]:
    """Results for a batch whose worker was stuck past the hard deadline and replaced."""
    return [(Analysis(d, error=over_budget(limits().doc_seconds) + "; its worker was replaced"), [])
            for d in batch]


def _hard_deadline(batch: list[Document]) -> float:
    """Seconds a worker may take over a batch before it is presumed stuck (in C code, where
    the per-document timer cannot reach): the budget twice, plus a few seconds a document."""
    return 2 * limits().doc_seconds + 5 * len(batch)


def warm(ner: str = "fast") -> None:
    """Load what the per-document stages need (gazetteers, the NER model) once, up front:
    what a worker process or a Spark task runs when it starts, so no batch pays for it."""
    from tahqiq.extract.mentions import gazetteer

    gazetteer()
    if ner != "rules":
        try:
            from tahqiq.extract.ner import load_model
            load_model() if ner == "fast" else load_model(ner)
        except (ImportError, TahqiqError) as e:
            log.debug("NER model unavailable, rules only: %s", e)


def analyse_for_store(docs: list[Document], ner: str = "fast") -> list[tuple[Analysis, list[tuple[int, str]]]]:
    """``analyse_batch`` less what the store does not keep (sentences, tokens), so results
    cross a process boundary cheaply."""
    out = analyse_batch(docs, ner)
    for a, _ in out:
        a.sentences, a.tokens = [], []
    return out


def _batches(items: Iterable[Document], n: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for x in items:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def new_documents(paths: Iterable[str], known: set[str], report: BuildReport,
                  on_error: Callable[[InputError], None] | None = None,
                  on_progress: Callable[[int], None] | None = None,
                  moved: Callable[[Document], None] | None = None) -> Iterator[Document]:
    """Documents read from ``paths`` whose id is not in ``known`` (which it extends);
    unreadable inputs and unchanged documents are counted in ``report``; ``moved`` is
    called with each unchanged one. Both engines ingest through here."""
    for item in read_inputs(paths):
        if isinstance(item, InputError):
            report.skip(item, on_error)
            continue
        for w in item.warnings:
            if len(report.warnings) < KEEP_SKIPPED:
                report.warnings.append(f"{item.source}: {w}")
        if item.id in known:
            report.unchanged += 1
            report.seen_again.append((item.id, item.record))
            if moved is not None:
                moved(item)
            if on_progress:
                on_progress(1)
            continue
        known.add(item.id)
        yield item


def build(paths: Iterable[str], store: Store, workers: int = 1, ner: str = "fast",
          on_error: Callable[[InputError], None] | None = None,
          on_progress: Callable[[int], None] | None = None, relink: bool = False,
          on_wait: Callable[[], None] | None = None, engine: Engine | None = None) -> BuildReport:
    """Ingest ``paths`` into ``store`` and update the cross-document graph: incrementally
    for the documents no link has covered yet (this build's, and any an interrupted or
    concurrent build left), or in full (every stored mention resolved again) when the
    store was never linked by this version, its review decisions changed, an edited
    article replaced its older version, or ``relink``.

    ``engine``: where the per-document stages and the candidate join run (default: the local
    engine with ``workers`` processes). Builds of one store run one at a time
    (``Store.build_lock``; ``on_wait`` is called when this one has to wait for another)."""
    engine = engine or LocalEngine(workers)
    with store.build_lock(on_wait):
        return _build(paths, store, engine, ner, on_error, on_progress, relink)


def build_spark(paths: Iterable[str], store: Store, master: str | None = None, ner: str = "fast",
                on_error: Callable[[InputError], None] | None = None, spark=None, workdir: str | None = None,
                relink: bool = False, on_progress: Callable[[int], None] | None = None) -> BuildReport:
    """``build`` on the Spark engine (``engines.spark.SparkEngine``): the per-document stages
    and the candidate join on Spark, on the session ``spark`` or one started on ``master``
    (left running, so later builds in this process reuse it)."""
    from tahqiq.engines.spark import SparkEngine

    return build(paths, store, ner=ner, on_error=on_error, on_progress=on_progress, relink=relink,
                 engine=SparkEngine(master=master, spark=spark, workdir=workdir))


def _build(paths, store: Store, engine: Engine, ner: str, on_error, on_progress, relink: bool) -> BuildReport:
    report = BuildReport()
    known = store.known_ids()
    sources: dict[str, str] = {}

    def moved(doc: Document) -> None:
        """A stored article found under another path whose old path is gone: a moved file."""
        if not sources:
            sources.update(store.sources())
        old = sources.get(doc.id)
        if old and old != doc.source and is_file_source(doc.source) and is_file_source(old) \
                and not os.path.exists(old):
            store.set_source(doc.id, doc.source)
            sources[doc.id] = doc.source

    def store_batch(results) -> None:
        results = analysed(results, report, on_error)
        stored = _store_results(store, results, report, on_error)  # one transaction per batch
        report.stored += len(stored)
        if on_progress:
            on_progress(len(results))

    # Ingest streams in this process; the pool keeps a bounded window of batches in flight.
    fresh = new_documents(paths, known, report, on_error, on_progress, moved)
    for results in engine.map(analyse_for_store, _batches(fresh, BATCH), ner, initializer=warm, initargs=(ner,),
                              timeout=_hard_deadline, on_timeout=_abandoned):
        store_batch(results)
    log_seen_again(store, report)
    # Read after storing: an edited article clears "linked" (its older version's graph must go).
    was_linked = bool(store.get_meta("linked", False))
    if store.unlinked_docs() or not was_linked or relink:
        link(store, [] if was_linked else None, full=relink, engine=engine)
    c = store.counts()
    report.entities, report.claims, report.reuse_pairs = c["entities"], c["claims"], c["reuse"]
    return report


def analysed(results: list, report: BuildReport, on_error: Callable[[InputError], None] | None = None) -> list:
    """The results whose analysis succeeded; each failed one is reported as a skipped input
    (not stored, so a rerun tries it again). Every engine reports failures through here."""
    for a, _ in results:
        if a.error:
            report.skip(InputError(a.doc.source, f"could not be analysed ({a.error}); not stored, "
                                                 "a rerun tries it again"), on_error)
    return [r for r in results if not r[0].error]


def log_seen_again(store: Store, report: BuildReport) -> None:
    """Custody: an input read again whose cleaned text is already stored (the same file, or another
    copy or encoding of it) is logged with this reading's source and raw-bytes hash."""
    by_doc: dict[str, list[dict]] = {}
    for doc_id, rec in report.seen_again:
        by_doc.setdefault(doc_id, []).append({k: rec.get(k) for k in ("source", "url", "raw_sha256", "captured")
                                              if rec.get(k) is not None})
    for doc_id, readings in by_doc.items():
        for r in readings:
            store.log_custody("read-again", [doc_id], {**r, "note": "same cleaned text as the stored document"})
def _store_results(store: Store, results, report: BuildReport,
                   on_error: Callable[[InputError], None] | None) -> list[str]:
    """Store a batch in one transaction; when the database refuses it for what a document
    holds (not for a full disk or a lost connection), store its documents one by one so the
    refused one costs only itself."""
    from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

    from tahqiq.store.sql import db_problem

    try:
        stored = store.add_analyses(results, replace_edited=True)
        report.replaced += len(store.replaced)
        return stored
    except (OperationalError, KeyboardInterrupt):
        raise
    except (SQLAlchemyError, ValueError) as e:
        if isinstance(e, DBAPIError) and e.connection_invalidated:
            raise
        if len(results) == 1:
            a = results[0][0]
            report.skip(InputError(a.doc.source, f"could not be stored ({db_problem(e)[:160]})"), on_error)
            return []
    stored = []
    for r in results:
        stored += _store_results(store, [r], report, on_error)
    return stored


def link(store: Store, new_docs: list[str] | None = None, pairs: set[tuple[str, str]] | None = None,
         full: bool = False, workers: int = 1, engine: Engine | None = None) -> None:
    """Cross-document stages over compact records: resolve, reuse, claims. ``pairs``:
    copied-text candidates computed beforehand (else the engine's candidate join).

    With ``new_docs`` (a store linked before, by this version of the resolver, with the
    same review decisions) the link is incremental: only what the new documents touch
    is resolved and rewritten (``resolve.incremental``). Otherwise, or with ``full``,
    every stored mention is resolved again. ``engine`` (default: the local engine with ``workers``
    processes) computes the candidate join and verifies many copied-text candidates; the rest
    of the link runs in this process."""
    engine = engine or LocalEngine(workers)
    with store.build_lock():
        # Every document no link has covered yet is linked now, whoever stored it.
        pending = store.unlinked_docs()
        if new_docs is not None:
            new_docs = list(dict.fromkeys(list(new_docs) + pending))
        recorded = store.decisions()
        state = {"version": LINK_VERSION, "decisions": [len(recorded), max((d.get("id") or 0 for d in recorded),
                                                                           default=0)]}
        decisions = active_decisions(recorded)  # an undone decision (and the undo itself) is not applied
        prior = store.get_meta("link_state")
        if new_docs is not None and not full and prior == state and store.get_meta("linked", False):
            _link_increment(store, new_docs, pairs, decisions, engine, pending)
        else:
            _link_full(store, new_docs, pairs, decisions, engine, pending, recompute=full)
            _log_relink(store, prior, state, full, new_docs)
        store.set_meta("link_state", state)
        store.set_meta("linked", True)


def _log_relink(store: Store, prior, state, full: bool, new_docs) -> None:
    """Custody: every stored document whose claims were derived again from its stored assertions
    by a full relink (asked for, or a changed linker). A relink caused by a review decision is
    logged as "reviewed" on the documents the decision names (``Store.add_decision``)."""
    if not prior:
        return  # first link of these documents: their "ingested" event covers it
    if full:
        reason = "relink requested"
    elif prior.get("version") != state["version"]:
        reason = f"linker version {prior.get('version')} -> {state['version']}"
    else:
        return
    fresh = set(new_docs or ())
    store.log_custody("re-extracted", [d for d in store.document_ids() if d not in fresh],
                      {"reason": reason, **link_versions()})


def upstreams(store: Store, docs=None) -> dict[str, str]:
    """Document -> the news agency it comes from (its evidence record's ``upstream``)."""
    return {d: r["upstream"] for d, r in store.records(docs).items() if r.get("upstream")}


def _reuse(store: Store, new_docs, pairs, engine: Engine, keep: bool = True, recompute: bool = False):
    """``find_reuse_new`` with the engine's candidate join and map."""
    return reuse_mod.find_reuse_new(store, new_docs, pairs, keep=keep, workers=engine.workers,
                                    recompute=recompute, map_fn=engine.map, join=engine.candidate_pairs)


def _link_full(store: Store, new_docs, pairs, decisions, engine: Engine, pending=(),
               recompute: bool = False) -> None:
    # Copies first: a worker pool forked now starts small, before the mentions are loaded.
    reuse, _ = _reuse(store, new_docs, pairs, engine, recompute=recompute)
    assert reuse is not None  # keep=True
    mentions = store.mentions()
    assertions = store.assertions()
    latin.seed_memo(store.romanizations())
    res = resolve_graph(mentions, assertions, decisions, contexts=store.mention_contexts("PER"))
    store.save_romanizations(latin.memo())
    entities, links = res.entities, res.links
    claims = build_claims(assertions, links, reuse, decisions, entities, upstreams(store))
    store.replace_graph(entities, links, claims, reuse, candidates=res.candidates, name_keys=res.name_keys,
                        linked_docs=pending)


def _link_increment(store: Store, new_docs: list[str], pairs, decisions, engine: Engine, pending=()) -> None:
    if not new_docs:
        return
    mentions = store.mentions_in(new_docs)
    assertions = store.assertions_in(new_docs)
    _, fresh = _reuse(store, new_docs, pairs, engine, keep=False)
    latin.seed_memo(store.romanizations())
    inc = resolve_increment(store, mentions, assertions, decisions,
                            contexts=store.mention_contexts("PER", docs=new_docs))
    store.save_romanizations(latin.memo())
    # Claims to rebuild: those of changed entities, of entities merged away or named as an object
    # by a merged-away entity's id, and of the older documents a new one turns out to copy.
    new = set(new_docs)
    copied = {d for r in fresh for d in (r.a, r.b)} - new
    old_subjects = set(store.links_for({a.subject for a in store.assertions_in(copied)}).values())
    subjects = ({e.id for e in inc.entities} | inc.dropped | old_subjects
                | store.claim_subjects_with_objects(inc.dropped))
    rows = {a.id: a for _, a in store.assertions_about(subjects | set(inc.moved))}
    rows.update((a.id, a) for a in assertions)
    asserts = sorted(rows.values(), key=lambda a: (a.doc, a.evidence.start, a.id))
    need = {a.subject for a in asserts} | {a.object["mention"] for a in asserts
                                           if isinstance(a.object.get("mention"), str)}
    need |= {x["entity"] for a in asserts for x in a.evidence.attributed_to if isinstance(x.get("entity"), str)}
    links = {m: inc.moved.get(e, e) for m, e in store.links_for(need).items()}
    links.update(inc.links)
    ents = store.entity_rows({links[m] for m in need if m in links} - {e.id for e in inc.entities})
    ents.update((e.id, e) for e in inc.entities)
    evidence_docs = {a.doc for a in asserts}
    reuse = {(r.a, r.b): r for r in store.reuse_for(evidence_docs)}  # copies of those documents only
    reuse.update(((r.a, r.b), r) for r in fresh)
    claims = build_claims(asserts, links, [reuse[k] for k in sorted(reuse)], decisions, list(ents.values()),
                          upstreams(store, evidence_docs))
    store.update_graph(GraphDelta(
        entities=inc.entities, dropped=set(inc.dropped), links=inc.links, moved=inc.moved,
        claim_subjects=subjects | {inc.moved.get(x, x) for x in subjects}, claims=claims, new_reuse=fresh,
        candidates=inc.candidates, name_keys=inc.name_keys, linked_docs=pending))

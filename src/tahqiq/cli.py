"""The ``tahqiq`` command: thin wrappers over library functions (library code never prints)."""

from __future__ import annotations

import errno
import json
import logging
import os
import signal
import sys
import tempfile
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from tahqiq.errors import TahqiqError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="tahqiq: Arabic news reports into a sourced, corroborated knowledge graph.")
# Markup and emoji codes are off: what is printed comes from articles, paths and names, and a
# title holding "[/]" or a line number like ":100:" must print as written, not be interpreted.
# Styling is explicit (Text with a style).
out = Console(soft_wrap=True, markup=False, emoji=False, highlight=False)
err = Console(stderr=True, soft_wrap=True, markup=False, emoji=False, highlight=False)

DbOpt = typer.Option(None, "--db", help="Store URL or SQLite path (default: tahqiq.db, or $TAHQIQ_DB).")


_opened: list[str] = []  # URLs (password hidden) of the stores this command opened: named in errors


def _store(db: Optional[str], readonly: bool = False):
    from tahqiq.store import open_store
    st = open_store(db, readonly=readonly)
    _opened.append(st.url)
    return st


def _bold(text: str) -> Text:
    return Text(str(text), style="bold")


@app.command()
def build(paths: list[str] = typer.Argument(..., help="Files, folders (recursive) or - for stdin."),
          db: Optional[str] = DbOpt,
          workers: int = typer.Option(1, "--workers", "-j", help="Worker processes for per-document stages."),
          ner: str = typer.Option("fast", "--ner", help="fast (shipped model), accurate (transformer) or rules."),
          engine: str = typer.Option("local", "--engine", help="local or spark."),
          master: Optional[str] = typer.Option(None, "--master", help="Spark master URL (with --engine spark)."),
          relink: bool = typer.Option(False, "--relink", help="Resolve every stored mention again instead of "
                                      "only what the new articles touch."),
          decisions: Optional[str] = typer.Option(None, "--decisions", help="Review decisions to apply (a file "
                                                  "from `tahqiq decisions export` or a tahqiq/1 JSON export)."),
          quiet: bool = typer.Option(False, "--quiet", "-q")) -> None:
    """Ingest articles and run the whole pipeline (incremental: only what new articles touch is relinked)."""
    from tahqiq.pipeline import build as run_build

    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise TahqiqError(f"no such file or folder: {', '.join(missing)} (nothing was built; check the path)")
    store = _store(db)
    if engine == "spark":
        from tahqiq.pipeline import build_spark
        report = build_spark(paths, store, master=master, ner=ner, relink=relink)
    elif engine != "local":
        raise TahqiqError(f"unknown engine {engine!r}: use local or spark")
    else:
        def on_error(e) -> None:
            if err.is_terminal:
                err.print(Text.assemble(("skipped", "yellow"), f" {e}"))
            else:  # a log: plain lines (rich costs ~0.2 ms a line; a batch may refuse a million)
                sys.stderr.write(f"skipped {e}\n")

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, disable=quiet or not err.is_terminal) as prog:
            task = prog.add_task("articles", total=None)
            report = run_build(paths, store, workers=workers, ner=ner, on_error=on_error,
                               on_progress=lambda n: prog.advance(task, n), relink=relink,
                               on_wait=lambda: err.print(f"another build of {store.url} is running: "
                                                         "waiting for it to finish"))
    if decisions:
        from tahqiq.export.decisions import import_decisions
        n = import_decisions(store, decisions)
        out.print(f"decisions: {n['added']} added, {n['present']} already here"
                  + (f", {n['dangling']} name articles not in this store" if n["dangling"] else ""))
    c = store.counts()
    replaced = f" ({report.replaced} replacing an edited article's older version)" if report.replaced else ""
    out.print(f"stored {report.stored} new{replaced}, {report.unchanged} unchanged, {report.skipped_count} skipped; "
              f"store has {c['documents']} documents, {c['entities']} entities, {c['claims']} claims, "
              f"{c['reuse']} copied-text pairs ({store.url})")
    if report.skipped and not quiet:
        for e in report.skipped:
            out.print(f"  skipped: {e}")
        if report.skipped_count > len(report.skipped):
            out.print(f"  … and {report.skipped_count - len(report.skipped)} more (each reported as it was skipped)")
    for w in report.warnings:
        out.print(f"  warning: {w}")


@app.command()
def show(doc_id: str, db: Optional[str] = DbOpt) -> None:
    """Print a stored document's cleaned text and metadata."""
    store = _store(db, readonly=True)
    d = store.document(doc_id)
    if d is None:
        raise TahqiqError(f"no document {doc_id!r} in {store.url} (ids are listed by `tahqiq export`)")
    for k in ("id", "source", "outlet", "published", "title", "byline", "language"):
        out.print(Text.assemble((k, "bold"), f": {getattr(d, k)}"))
    rec = store.records([d.id]).get(d.id, {})
    out.print(Text.assemble(("sha256", "bold"), f": {d.sha256} (cleaned text)"))
    if rec.get("raw_sha256"):
        out.print(Text.assemble(("raw sha256", "bold"), f": {rec['raw_sha256']} ({rec.get('raw_bytes')} bytes as read)"))
    if rec.get("captured"):
        out.print(Text.assemble(("captured", "bold"), f": {rec['captured']} ({rec.get('captured_basis')})"))
    for ev in store.custody([d.id]):
        out.print(Text.assemble(("custody", "bold"), f": {ev['at']} {ev['event']}"), end="")
        out.print(f" {json.dumps(ev['detail'], ensure_ascii=False)}" if ev["detail"] else "")
    out.print()
    sys.stdout.flush()
    sys.stdout.write(d.text + "\n")  # verbatim: offsets in exports refer to exactly this text


@app.command()
def entities(db: Optional[str] = DbOpt, type: Optional[str] = typer.Option(None, "--type", "-t")) -> None:
    """List entities with their names and how often they are mentioned."""
    store = _store(db, readonly=True)
    t = Table("id", "type", "name", "latin", "mentions", "docs")
    t.columns[2].no_wrap = True  # a name split over lines cannot be searched or copied
    mentions = {m.id: m for m in store.mentions()}
    for e in store.entities():
        if type and e.type != type.upper():
            continue
        docs = {mentions[m].doc for m in e.mentions if m in mentions}
        t.add_row(e.id, e.type, e.name, e.latin or "", str(len(e.mentions)), str(len(docs)))
    out.print(t)


@app.command()
def entity(name_or_id: str, db: Optional[str] = DbOpt) -> None:
    """Everything known about one entity, with evidence."""
    from tahqiq.export.view import Snapshot
    from tahqiq.query import exact_entities

    store = _store(db, readonly=True)
    found = exact_entities(store, name_or_id)  # an exact match, or an error listing the closest names
    snap = Snapshot(store)
    for e in found[:5]:
        out.print(Text.assemble((e.name, "bold"), f" ({e.type}, {e.id})" + (f"  {e.latin}" if e.latin else "")))
        if e.names:
            out.print("  names: " + " | ".join(e.names), markup=False, highlight=False)
        if e.aliases:
            out.print("  aliases: " + " | ".join(e.aliases), markup=False, highlight=False)
        if e.geo:
            out.print(f"  geo: {e.geo}", markup=False, highlight=False)
        d = snap.dossier(e.id)
        for c in (d.claims + d.about) if d else []:
            _print_claim(c, about=c.subject != e.id)


def _print_claim(c, about: bool = False) -> None:
    """One fact as the web page shows it: what, status, independent sources, then each quote
    with its outlet, date, document and attribution."""
    who = f"{c.subject_name} — " if about else ""
    date = f" ({c.qualifiers['date']})" if c.qualifiers.get("date") else ""
    n = c.independent_sources
    out.print(f"  • {who}{c.label_en}: {c.object_text}{date}  [{c.status}: {c.status_label}; "
              f"{n} independent source{'s' if n != 1 else ''}"
              + ("; confirmed by a reviewer" if c.review == "confirmed" else "") + "]",
              markup=False, highlight=False)
    for ev in c.evidence:
        src = ", ".join(ev.attributed)
        out.print(f"      [{ev.cite}] {ev.outlet or 'unknown outlet'}, {ev.published or 'no date'} — "
                  f"{ev.doc} [{ev.start}:{ev.end}]" + (f" (according to {src})" if src else "")
                  + (" (hedged)" if ev.hedged else ""), markup=False, highlight=False)
        out.print(f"      “{ev.quote}”", markup=False, highlight=False)


@app.command()
def export(format: str = typer.Option("json", "--format", "-f"),
           output: Optional[str] = typer.Option(None, "-o", "--output", help="File to write (default stdout)."),
           db: Optional[str] = DbOpt) -> None:
    """Export the knowledge base (json is the tahqiq/1 contract)."""
    from tahqiq.export import export_dict

    store = _store(db, readonly=True)
    if format != "json":
        from tahqiq.export.formats import write_format
        write_format(store, format, output)
    else:
        text = json.dumps(export_dict(store, log_to=output or "stdout"), ensure_ascii=False, indent=1)
        if output:
            from tahqiq.export.formats import atomic_write
            atomic_write(output, text.encode("utf-8"))
            err.print(f"wrote {output}")
        else:
            sys.stdout.write(text + "\n")
    if store.unlogged:
        err.print(f"warning: the store {store.url} is on read-only media: this export is not in its custody log")


@app.command("eval")
def eval_cmd(gold: str, articles: Optional[str] = typer.Option(None, "--articles", help="Folder of articles."),
             db: Optional[str] = DbOpt, as_json: bool = typer.Option(False, "--json"),
             ner: str = typer.Option("fast", "--ner")) -> None:
    """Score against GOLD: a temporary store built from --articles, from the articles the gold file
    names (its documents' corpus lines and files under the shared data folder), or --db."""
    from tahqiq.evaluate.gold import articles_for, format_report, load_gold, score_all
    from tahqiq.export import export_dict
    from tahqiq.pipeline import build as run_build

    g = load_gold(gold)
    if db and not articles:
        s = score_all(export_dict(_store(db, readonly=True)), g)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            inputs = [articles] if articles else articles_for(g, tmp)
            store = _store(os.path.join(tmp, "eval.db"))
            run_build(inputs, store, ner=ner)
            s = score_all(export_dict(store), g)
            store.close()
    if as_json:
        sys.stdout.write(json.dumps(s, ensure_ascii=False, indent=1) + "\n")
    else:
        out.print(format_report(s))


@app.command("eval-ner")
def eval_ner(conll: str, as_json: bool = typer.Option(False, "--json"),
             ner: str = typer.Option("fast", "--ner"),
             context: int = typer.Option(10, "--context", min=0,
                                         help="Sentences either side read as the same document "
                                              "(one type per name, repeats tagged); 0: each alone.")) -> None:
    """Score the NER model on a CoNLL file (token TAG lines)."""
    from tahqiq.evaluate.ner import evaluate_conll, format_report
    from tahqiq.extract.ner import load_model

    res = evaluate_conll(conll, load_model() if ner == "fast" else load_model(ner), context=context)
    if as_json:
        sys.stdout.write(json.dumps(res, ensure_ascii=False, indent=1) + "\n")
    else:
        out.print(format_report(res))


@app.command()
def serve(db: Optional[str] = DbOpt,
          host: str = typer.Option("127.0.0.1", "--host",
                                   help="Interface to bind; non-loopback needs reviewer accounts or --token."),
          port: int = typer.Option(8765, "--port"),
          token: Optional[str] = typer.Option(None, "--token", envvar="TAHQIQ_TOKEN",
                                              help="Access token: a login when the store has no reviewer accounts, "
                                                   "and a Bearer token for scripts (or $TAHQIQ_TOKEN)."),
          user: Optional[str] = typer.Option(None, "--user", help="Reviewer name for the single local user "
                                             "(no accounts) and for the token."),
          tiles: Optional[str] = typer.Option(None, "--tiles", help="Map tile URL template (default: offline)."),
          allow_host: Optional[list[str]] = typer.Option(None, "--allow-host", help="Host name the server answers "
                                                         "to besides loopback names (repeat; or $TAHQIQ_ALLOWED_HOSTS)."),
          tls_cert: Optional[str] = typer.Option(None, "--tls-cert", help="TLS certificate (PEM): serve https."),
          tls_key: Optional[str] = typer.Option(None, "--tls-key", help="TLS private key (PEM)."),
          read_only: bool = typer.Option(False, "--read-only", help="Serve pages only: no login needed to read, "
                                         "no review actions (every POST is refused), nothing written to the store.")
          ) -> None:
    """The analyst's web app: search, dossiers, documents, stories, review."""
    from tahqiq.serve.app import serve as run_serve
    from tahqiq.serve.auth import has_reviewers
    from tahqiq.serve.security import check_bind

    try:
        st = _store(db, readonly=True)  # a missing store is an error here, not a new empty file
    except TahqiqError:
        check_bind(host, token, False)  # an unsafe bind is refused first: it is the graver mistake
        raise
    accounts = has_reviewers(st)
    check_bind(host, token, accounts)
    mode = "read-only: no login, no review actions" if read_only else (
        "reviewer accounts: login required" if accounts else ("token required" if token else "single local user, no login"))
    scheme = "https" if tls_cert else "http"
    err.print(f"serving {st.url} on {scheme}://{host}:{port}/ ({mode})")
    run_serve(db, host=host, port=port, token=token, user=user, tiles=tiles, allow_hosts=allow_host,
              tls_cert=tls_cert, tls_key=tls_key, read_only=read_only)


reviewer_app = typer.Typer(no_args_is_help=True, help="Reviewer accounts of the web app (stored in the store; "
                                                      "with one or more, every page needs a login).")
app.add_typer(reviewer_app, name="reviewer")


@reviewer_app.command("add")
def reviewer_add(name: str = typer.Argument(..., help="The reviewer's name, as the audit log shows it."),
                 replace: bool = typer.Option(False, "--replace", help="Set a new password for an existing reviewer "
                                              "(ends their sessions)."),
                 db: Optional[str] = DbOpt) -> None:
    """Add a reviewer; the password is asked twice on a terminal, or read as one line from stdin."""
    from tahqiq.serve.auth import add_reviewer

    if sys.stdin.isatty():
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    add_reviewer(_store(db), name, password, replace=replace)
    err.print(f"reviewer {name} {'updated' if replace else 'added'}: the web app now asks every visitor to log in")


@reviewer_app.command("list")
def reviewer_list(db: Optional[str] = DbOpt) -> None:
    """The reviewers' names."""
    from tahqiq.serve.auth import reviewers

    for n in reviewers(_store(db, readonly=True)):
        out.print(n)


@reviewer_app.command("remove")
def reviewer_remove(name: str, db: Optional[str] = DbOpt) -> None:
    """Remove a reviewer (and end their sessions); their past decisions keep their name."""
    from tahqiq.serve.auth import remove_reviewer

    if not remove_reviewer(_store(db), name):
        raise TahqiqError(f"no reviewer named {name!r}")
    err.print(f"reviewer {name} removed")


@app.command()
def dossier(entity: str = typer.Argument(..., help="Entity id or an exact name form (else the closest "
                                         "names are listed and nothing is written)."),
            output: Optional[str] = typer.Option(None, "-o", "--output",
                                                 help="FILE.pdf (default: dossier-ID.pdf) or FILE.html."),
            db: Optional[str] = DbOpt) -> None:
    """Write a printable case file for one entity: every claim with its quote, sources and evidence record."""
    from tahqiq.export.dossier import write_dossier

    err.print(f"wrote {write_dossier(_store(db, readonly=True), entity, output)}")


@app.command()
def candidates(db: Optional[str] = DbOpt,
               confirm: Optional[tuple[str, str]] = typer.Option(None, "--confirm", help="Merge a pair: --confirm A B.",
                                                       show_default=False),
               reject: Optional[tuple[str, str]] = typer.Option(None, "--reject", help="Keep a pair apart: --reject A B.",
                                                      show_default=False),
               note: Optional[str] = typer.Option(None, "--note"),
               user: Optional[str] = typer.Option(None, "--user")) -> None:
    """List entity pairs that may be one person, for a human to confirm or reject."""
    from tahqiq.pipeline import link
    from tahqiq.resolve import review

    store = _store(db)
    for kind, pair in (("merge", confirm), ("split", reject)):
        if pair and all(pair):
            review.decide(store, kind, pair[0], pair[1], note, user or os.environ.get("USER"), relink=link)
            out.print(f"recorded {kind} of {pair[0]} and {pair[1]}")
            return
    t = Table("a", "name a", "b", "name b", "score", "why")
    for c in review.candidates(store):
        t.add_row(c.a.id, c.a.name, c.b.id, c.b.name, f"{c.score:.2f}", c.reason)
    out.print(t)


@app.command()
def decide(kind: str = typer.Argument(..., help="merge or split"),
           entity_a: str = typer.Argument(..., help="Entity id (or prefix, or exact name)."),
           entity_b: str = typer.Argument(..., help="Entity id, or for split a name form of ENTITY_A."),
           note: Optional[str] = typer.Option(None, "--note"), user: Optional[str] = typer.Option(None, "--user"),
           db: Optional[str] = DbOpt) -> None:
    """Record a review decision that survives rebuilds, and relink the graph."""
    from tahqiq.pipeline import link
    from tahqiq.resolve import review

    n = review.decide(_store(db), kind, entity_a, entity_b, note, user or os.environ.get("USER"), relink=link)
    out.print(f"decision {n}: {kind} {entity_a} {entity_b}")


decisions_app = typer.Typer(no_args_is_help=True, help="Review decisions: export them, import them into "
                                                       "another store (a rebuild keeps every merge, split, rejection).")
app.add_typer(decisions_app, name="decisions")


@decisions_app.command("export")
def decisions_export(output: Optional[str] = typer.Option(None, "-o", "--output", help="File (default stdout)."),
                     db: Optional[str] = DbOpt) -> None:
    """Write every review decision (merge, split, rejected or confirmed claim) as JSON."""
    from tahqiq.export.decisions import decisions_dict

    data = decisions_dict(_store(db))
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        err.print(f"wrote {len(data['decisions'])} decisions to {output}")
    else:
        sys.stdout.write(text + "\n")


@decisions_app.command("import")
def decisions_import(path: str = typer.Argument(..., help="A decisions file or a tahqiq/1 JSON export."),
                     db: Optional[str] = DbOpt) -> None:
    """Add the decisions this store lacks, keeping their reviewer and time, and relink the graph."""
    from tahqiq.export.decisions import import_decisions

    n = import_decisions(_store(db), path)
    out.print(f"decisions: {n['added']} added, {n['present']} already here"
              + (f", {n['dangling']} name articles not in this store (kept; they apply once built in)"
                 if n["dangling"] else ""))


@app.command()
def search(query: str = typer.Argument(..., help="Words in any spelling (harakat, tatweel, alef forms are folded)."),
           limit: int = typer.Option(10, "--limit", "-n", help="Most hits per kind (entities, documents)."),
           as_json: bool = typer.Option(False, "--json"),
           db: Optional[str] = DbOpt) -> None:
    """Full-text search over entity names and article texts."""
    hits = _store(db, readonly=True).search(query, limit)
    if as_json:
        sys.stdout.write(json.dumps([{"kind": h.kind, "id": h.id, "label": h.label, "snippet": h.snippet,
                                      "score": h.score} for h in hits], ensure_ascii=False, indent=1) + "\n")
        return
    if not hits:
        out.print(f"no entity or document matches {query!r}")
        return
    for h in hits:
        out.print(Text.assemble((h.kind, "bold"), f" {h.id}  ", h.label or ""))
        out.print("    " + h.snippet)


@app.command("contradictions")
def contradictions_cmd(db: Optional[str] = DbOpt, as_json: bool = typer.Option(False, "--json")) -> None:
    """Pairs of claims that cannot both be true (origin, nationality, age, whereabouts), with why."""
    from tahqiq.corroborate.contradictions import contradictions

    store = _store(db, readonly=True)
    found = contradictions(store)
    names = {e.id: e.name for e in store.entities()}

    def side(c) -> dict:
        return {"claim": c.id, "predicate": c.predicate, "object": c.object,
                "evidence": [{"doc": e.doc, "start": e.start, "end": e.end, "quote": e.quote} for e in c.evidence]}

    if as_json:
        rows = [{"subject": x.a.subject, "name": names.get(x.a.subject), "reason": x.reason,
                 "a": side(x.a), "b": side(x.b)} for x in found]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    if not found:
        out.print("no contradictions")
    for x in found:
        out.print(Text.assemble((names.get(x.a.subject, x.a.subject), "bold"), f": {x.reason}"))
        for c in (x.a, x.b):
            for e in c.evidence[:2]:
                out.print(f"  {e.doc} [{e.start}:{e.end}] {e.quote[:160]}")


@app.command("reuse")
def reuse_cmd(db: Optional[str] = DbOpt, passages: bool = typer.Option(False, "--passages", "-p",
                                                                        help="Print the shared passages.")) -> None:
    """Pairs of documents sharing copied passages, most similar first."""
    store = _store(db, readonly=True)
    for r in sorted(store.reuse(), key=lambda r: -r.similarity):
        a, b = store.document(r.a), store.document(r.b)
        out.print(f"{r.similarity:.3f}  {r.a} ({a.outlet or a.source})  {r.b} ({b.outlet or b.source})  "
                  f"{len(r.passages)} passages")
        if passages:
            for (a0, a1), (b0, b1) in r.passages:
                out.print(f"    a[{a0}:{a1}] {a.text[a0:a1][:160]}")
                out.print(f"    b[{b0}:{b1}] {b.text[b0:b1][:160]}")


class Terminated(BaseException):
    """SIGTERM: unwinds like Ctrl-C (transactions roll back, nothing half-written)."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def _interrupted(code: int, what: str) -> None:
    try:
        err.print(f"{what}, rerun to complete (what was stored before is kept)")
    except Exception:  # noqa: BLE001 - stderr gone: the exit code still tells
        pass
    sys.exit(code)


def _os_error(e: OSError) -> str:
    where = e.filename or "a file"
    if e.errno == errno.ENOSPC:
        return f"no space left on the device writing {where}: free some space and rerun"
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {where}: {e.strerror or 'permission denied'}; choose a writable path"
    if e.errno == errno.ENOENT:
        return f"{where}: no such file or folder; check the path (a folder to write into must exist)"
    if e.errno == errno.EISDIR:
        return f"{where} is a folder: give a file name"
    return f"{where}: {e.strerror or type(e).__name__}"


def main() -> None:
    logging.basicConfig(level=os.environ.get("TAHQIQ_LOG", "WARNING"))
    try:
        signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread
        pass
    from sqlalchemy.exc import SQLAlchemyError

    try:
        rc = app(standalone_mode=False)  # typer turns Ctrl-C into a returned 130
    except TahqiqError as e:
        err.print(Text.assemble(("error:", "red"), f" {e}"))
        sys.exit(2)
    except typer.Exit as e:
        rc = e.exit_code
    except (typer.Abort, KeyboardInterrupt):
        _interrupted(130, "interrupted")
    except Terminated:
        _interrupted(143, "terminated")
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except OSError as e:
        err.print(Text.assemble(("error:", "red"), f" {_os_error(e)}"))
        sys.exit(1)
    except SQLAlchemyError as e:  # the statement and its parameters (article text) never printed
        from tahqiq.store.sql import store_error
        err.print(Text.assemble(("error:", "red"), f" {store_error(_opened[-1] if _opened else '(the store)', e)}"))
        sys.exit(2)
    except Exception as e:  # click usage errors
        import click
        if isinstance(e, click.ClickException):
            e.show()
            sys.exit(e.exit_code)
        raise
    if rc == 130:
        _interrupted(130, "interrupted")
    if isinstance(rc, int) and rc:
        sys.exit(rc)


if __name__ == "__main__":
    main()

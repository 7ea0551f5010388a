"""The printable case file for one entity: ``tahqiq dossier ENTITY -o FILE.html|FILE.pdf``.

Read in the order a court or an editor would: who the person is and under
which names; each fact with the quoted sentence, outlet, date, attribution,
how many independent sources carry it and its status; the sources cited,
numbered; the review decisions that shaped the record; how it was made.
The HTML is self-contained (no scripts, no network) so it prints and archives; the PDF is
rendered by WeasyPrint (from PyPI; Pango shapes the Arabic) with a running header (subject, date
generated) and "page N of M" on every page, and an appendix holding each cited document's
evidence record and custody log. Chromium is a fallback renderer without those page margins.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from tahqiq.errors import TahqiqError
from tahqiq.export.view import PREDICATE_LABELS, STATUS_LABELS, Snapshot, plot
from tahqiq.store import Store
from tahqiq.text.arabic_numbers import count

HERE = Path(__file__).resolve().parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]
PDF_TIMEOUT_S = 120


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(predicates=PREDICATE_LABELS, status_labels=STATUS_LABELS)
    env.filters["count"] = count  # every "N noun" in the Arabic form N takes («مصدران مستقلان», «6 مرات ذكر»)
    return env


def resolve_entity(store: Store, query: str) -> str:
    """The id of the one entity ``query`` names exactly (id or any name form after normalisation).

    Anything else raises ``query.NoExactMatch`` listing the closest candidates: a typo must never
    produce another entity's case file."""
    from tahqiq.query import exact_entity
    return exact_entity(store, query).id


def dossier_html(store: Store, entity: str, log_to: str | None = None) -> str:
    """The case file as HTML. ``log_to`` (where it is going) appends an "exported" custody event to
    each cited document before its log is read, so the file shows its own export."""
    snap = Snapshot(store)
    d = snap.dossier(resolve_entity(store, entity))
    if d is None:  # the entity vanished between the look-up and the read
        raise TahqiqError(f"no entity {entity!r}")
    ids = [doc.id for doc in d.documents]
    if log_to is not None and ids:
        store.log_custody("exported", ids, {"format": "dossier", "entity": d.entity.id, "to": log_to})
    records = store.records(ids)
    custody: dict[str, list[dict]] = {}
    for ev in store.custody(ids):
        custody.setdefault(ev["doc"], []).append(ev)
    at = _dt.datetime.now(_dt.timezone.utc)
    now = at.isoformat(timespec="seconds")
    return _env().get_template("dossier.html").render(d=d, e=d.entity, map=plot(d.movements), generated=now,
                                                      generated_text=at.strftime("%Y-%m-%d %H:%M UTC"),
                                                      store=_safe_url(store.url), snap=snap, records=records,
                                                      custody=custody, tools=tool_table(records.values()))


def tool_table(records) -> list[tuple[str, str]]:
    """Every tool and version that made this case file: extraction (from the records), linking,
    the store and the PDF renderer."""
    import platform

    from tahqiq.provenance import link_versions

    rows: list[tuple[str, str]] = [("tahqiq", link_versions()["tahqiq"]),
                                   ("linker (entity resolution, claims)", str(link_versions()["linker"]))]
    seen: set[tuple[str, str]] = set()
    for r in records:
        for k, v in ((r or {}).get("produced_by") or {}).items():
            if k != "tahqiq" and (k, str(v)) not in seen:
                seen.add((k, str(v)))
                rows.append((k, str(v)))
    renderer = pdf_renderer()
    if renderer == "weasyprint":
        import weasyprint
        rows.append(("PDF renderer", f"WeasyPrint {weasyprint.__version__}"))
    elif renderer:
        rows.append(("PDF renderer", renderer))
    rows.append(("Python", platform.python_version()))
    return rows


def pdf_renderer() -> str | None:
    """'weasyprint' if importable, else a Chromium binary path, else None."""
    try:
        import weasyprint  # noqa: F401
        return "weasyprint"
    except Exception:  # noqa: BLE001 - weasyprint raises OSError when its system libraries are missing
        pass
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def html_to_pdf(html: str) -> bytes:
    renderer = pdf_renderer()
    if renderer is None:
        raise TahqiqError("no PDF renderer: WeasyPrint (a tahqiq dependency) needs the Pango library "
                          "(apt-get install libpango-1.0-0 libpangoft2-1.0-0); or write HTML (-o FILE.html)")
    if renderer == "weasyprint":
        import logging

        import weasyprint
        logging.getLogger("weasyprint").setLevel(logging.ERROR)  # CSS it skips is not the user's concern
        return weasyprint.HTML(string=html, base_url=None).write_pdf()
    with tempfile.TemporaryDirectory(prefix="tahqiq-pdf-") as tmp:
        src, out = Path(tmp) / "dossier.html", Path(tmp) / "dossier.pdf"
        src.write_text(html, encoding="utf-8")
        cmd = [renderer, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}",
               src.as_uri()]
        try:
            subprocess.run(cmd, capture_output=True, timeout=PDF_TIMEOUT_S, check=False,
                           env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired:
            raise TahqiqError(f"{renderer} did not finish the PDF within {PDF_TIMEOUT_S} s") from None
        if not out.exists() or out.stat().st_size == 0:
            raise TahqiqError(f"{renderer} produced no PDF; write HTML (-o FILE.html) instead")
        return out.read_bytes()


def write_dossier(store: Store, entity: str, output: str | None = None) -> str:
    """Write the case file; the suffix of ``output`` (.html or .pdf) picks the form, PDF by default
    (``dossier-<id>.pdf``). Nothing is written unless ``entity`` names one entity exactly.
    Returns the path."""
    entity_id = resolve_entity(store, entity)
    if output is None:
        output = f"dossier-{entity_id.replace(':', '-')}.pdf"
    elif not output.lower().endswith((".pdf", ".html", ".htm")):
        output += ".pdf"
    if output.lower().endswith(".pdf") and pdf_renderer() is None:
        html_to_pdf("")  # the "no renderer" error, before anything is logged
    folder = Path(output).resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise TahqiqError(f"cannot write {output}: the folder {folder} does not exist or is not writable")
    html = dossier_html(store, entity_id, log_to=output)
    try:
        from tahqiq.export.formats import atomic_write  # a temporary file, renamed: never half a case file
        atomic_write(output, html_to_pdf(html) if output.lower().endswith(".pdf") else html.encode("utf-8"))
    except OSError as e:
        raise TahqiqError(f"cannot write {output}: {e.strerror or e}") from None
    return output


def _safe_url(url: str) -> str:
    """Never print a database password into a case file."""
    from sqlalchemy.engine import make_url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL: still never printed
        return "(store)"

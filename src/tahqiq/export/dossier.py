"""The printable case file for one entity: ``tahqiq dossier ENTITY -o FILE.html|FILE.pdf``.

Read in the order a court or an editor would: who the person is and under
which names; each fact with the quoted sentence, outlet, date, attribution,
how many independent sources carry it and its status; the sources cited,
numbered; the review decisions that shaped the record; how it was made.
The HTML is self-contained (no scripts, no network) so it prints and archives.
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

HERE = Path(__file__).resolve().parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]
PDF_TIMEOUT_S = 120


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(predicates=PREDICATE_LABELS, status_labels=STATUS_LABELS)
    return env


def resolve_entity(store: Store, query: str) -> str:
    """The id of the one entity ``query`` names exactly (id or any name form after normalisation).

    Anything else raises ``query.NoExactMatch`` listing the closest candidates: a typo must never
    produce another entity's case file."""
    from tahqiq.query import exact_entity
    return exact_entity(store, query).id


def dossier_html(store: Store, entity: str) -> str:
    snap = Snapshot(store)
    d = snap.dossier(resolve_entity(store, entity))
    if d is None:  # the entity vanished between the look-up and the read
        raise TahqiqError(f"no entity {entity!r}")
    now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    return _env().get_template("dossier.html").render(d=d, e=d.entity, map=plot(d.movements), generated=now,
                                                      store=_safe_url(store.url), snap=snap)


def pdf_renderer() -> str | None:
    """'weasyprint' if importable, else a Chromium binary path, else None."""
    try:
        import weasyprint  # noqa: F401
        return "weasyprint"
    except Exception:  # weasyprint raises OSError when its system libraries are missing
        pass
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def html_to_pdf(html: str) -> bytes:
    renderer = pdf_renderer()
    if renderer is None:
        raise TahqiqError("no PDF renderer: install chromium (apt-get install chromium) or weasyprint, "
                          "or write HTML (-o FILE.html) and print it from a browser")
    if renderer == "weasyprint":
        import weasyprint
        return weasyprint.HTML(string=html).write_pdf()
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
    html = dossier_html(store, entity_id)
    if output is None:
        output = f"dossier-{entity_id.replace(':', '-')}.pdf"
    elif not output.lower().endswith((".pdf", ".html", ".htm")):
        output += ".pdf"
    if output.lower().endswith(".pdf"):
        Path(output).write_bytes(html_to_pdf(html))
    else:
        Path(output).write_text(html, encoding="utf-8")
    return output


def _safe_url(url: str) -> str:
    """Never print a database password into a case file."""
    from sqlalchemy.engine import make_url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(store)"

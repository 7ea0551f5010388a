"""End to end in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright's Python
package; no browser download). Screenshots go to test-artifacts/ (git-ignored)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("TAHQIQ_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install -y chromium (or set TAHQIQ_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (the test extra)")
    pw = sync_api.sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    ARTIFACTS.mkdir(exist_ok=True)
    yield b
    b.close()
    pw.stop()


@pytest.fixture
def server(web_store):
    """The guarded app on a free loopback port, in a thread; yields (base_url, store, inputs)."""
    import uvicorn

    from tahqiq.serve.app import make_asgi

    store, inputs = web_store
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(make_asgi(store, user="browser-test"), host="127.0.0.1", port=port,
                                        log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(200):  # wait until it listens (readiness, not timing)
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "server did not start"
    yield f"http://127.0.0.1:{port}", store, inputs
    srv.should_exit = True
    t.join(10)


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    p = ctx.new_page()
    p.problems = []  # page errors, CSP violations, dialogs: any of them fails a test
    p.on("pageerror", lambda e: p.problems.append(f"pageerror: {e}"))
    p.on("console", lambda m: m.type == "error" and p.problems.append(f"console: {m.text}"))
    p.on("dialog", lambda d: (p.problems.append(f"dialog: {d.message}"), d.dismiss()))
    p.on("response", lambda r: r.status >= 400 and p.problems.append(f"HTTP {r.status}: {r.url}"))
    yield p
    ctx.close()


def _id(store, name):
    from tahqiq.query import find_entities
    return find_entities(store, name)[0]


def test_dossier_shows_names_map_and_quotes(server, page):
    base, store, _ = server
    e = _id(store, "ماجد سليمان العيد")
    page.goto(f"{base}/entity/{e.id}")
    page.wait_for_selector("#map.on .leaflet-interactive")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("h1 .name").inner_text() == e.name
    assert page.locator("h1 .latin").inner_text() == e.latin
    for alias in e.aliases:
        assert page.get_by_text(alias).first.is_visible()
    assert page.evaluate("document.fonts.check(\"16px 'Noto Naskh Arabic'\", 'حامد')")
    assert page.locator(".plot-point").count() >= 2  # offline SVG map: both places
    assert page.locator("#map .leaflet-interactive").count() >= 2  # Leaflet markers and route
    assert "شانلي أورفا" in page.locator("#map").inner_text()  # permanent marker labels
    marks = page.locator("mark.quote")
    assert marks.count() >= 1 and marks.first.is_visible()
    quote = next(c for c in store.claims() if c.subject == e.id).evidence[0].quote
    assert quote in marks.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "dossier.png"), full_page=True)
    assert page.problems == []


def test_hostile_article_executes_nothing(server, page):
    base, store, _ = server
    doc = next(d for d in store.documents() if "__pwned" in d.text)
    person = _id(store, "خالد الحسن")
    for path in (f"/doc/{doc.id}", f"/entity/{person.id}", "/", "/stories", "/network",
                 "/?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("main script, main iframe, main img, main svg[onload]").count() == 0, path
    page.goto(f"{base}/doc/{doc.id}")
    assert "<script>window.__pwned = 'body'</script>" in page.locator(".document .text").inner_text()
    page.screenshot(path=str(ARTIFACTS / "hostile-document.png"), full_page=True)
    assert page.problems == []


def test_network_renders(server, page):
    base, _, _ = server
    page.goto(f"{base}/network")
    page.wait_for_function("document.getElementById('network').dataset.ready > 0")
    page.screenshot(path=str(ARTIFACTS / "network.png"))
    assert page.problems == []  # incl. no CSP violation from cytoscape.js


def test_merge_and_reject_persist_after_rebuild(server, page):
    from tahqiq.pipeline import build

    base, store, inputs = server
    hamed = _id(store, "حامد النوري")
    victim = next(c for c in store.claims() if c.subject == hamed.id and c.predicate == "fled_to")
    page.goto(f"{base}/entity/{hamed.id}")
    card = page.locator(f'article.claim[data-claim="{victim.id}"]')
    card.locator("input[name=note]").fill("استخراج خاطئ")
    card.locator("button[value=reject]").click()
    page.wait_for_url(f"**/entity/{hamed.id}")
    assert page.locator(f'article.claim[data-claim="{victim.id}"]').count() == 0

    a, b = _id(store, "محمود القصوبة"), _id(store, "بشار المداح")
    page.goto(f"{base}/entity/{a.id}")
    form = page.locator("form.merge")
    form.locator("select[name=b]").select_option(b.id)
    form.locator("input[name=note]").fill("الشخص نفسه")
    form.locator("button").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("dd.names").inner_text().count("،") >= 1  # both names on one dossier

    store.set_meta("linked", False)  # rebuild the graph from the same articles
    build(inputs, store)

    page.goto(f"{base}/entity/{hamed.id}")
    assert page.locator(f'article.claim[data-claim="{victim.id}"]').count() == 0
    merged = store.links()[a.mentions[0]]
    assert merged == store.links()[b.mentions[0]]
    page.goto(f"{base}/entity/{merged}")
    names = page.locator("dd.names").inner_text()
    assert a.name in names and b.name in names
    page.screenshot(path=str(ARTIFACTS / "merged-after-rebuild.png"), full_page=True)
    page.goto(f"{base}/audit")
    log = page.locator("table.decisions").inner_text()
    assert "reject_claim" in log and "merge" in log and "استخراج خاطئ" in log and "browser-test" in log
    page.screenshot(path=str(ARTIFACTS / "audit.png"), full_page=True)
    assert page.problems == []


def test_dossier_pdf(dev_store, tmp_path, browser):
    from tahqiq.export.dossier import write_dossier
    out = write_dossier(dev_store, "حامد النوري", str(tmp_path / "d.pdf"))
    data = Path(out).read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    shutil.copy(out, ARTIFACTS / "dossier-hamed.pdf")

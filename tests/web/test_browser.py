"""The dashboard in a real browser: Playwright driving Debian's Chromium (headless) against
`salesmetrics serve` on loopback. Every page loads without console errors, charts draw, a
filter changes the numbers and the URL, a card leads to its KPI page and records, and a bad
upload shows its problems. Screenshots of each page go to ``$SALESMETRICS_ARTIFACTS``
(default: the test's temporary directory)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.test_api import BAD_CSV
from tests.web.test_pages import _free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
VIEW = "from=2024-01-01&to=2024-12-31&grain=quarter"
PAGES = ["/", "/pipeline", "/revenue", "/team", "/leads", "/customers", "/marketing", "/kpis",
         "/kpis/win_rate", "/import", "/insights"]  # fmt: skip
TEAM = "SMB EMEA"  # a team of the demo company


def _require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("SALESMETRICS_TEST_BACKENDS"):  # CI installs it: missing is a failure
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import run_cli

    path = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    built = run_cli("demo", "--seed", "7", "--start", "2023-10-01", "--workspace", path)
    assert built.returncode == 0, built.stderr
    return path


@contextmanager
def serving(path: Path, *flags: str) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "salesmetrics", "serve", *flags, "--port", str(port),
         "-w", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{base}/health", timeout=30)
            break
        except httpx.TransportError:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)
    try:
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=30)


@pytest.fixture(scope="module")
def server(demo: Path) -> Iterator[str]:
    with serving(demo, "--single-user") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SALESMETRICS_ARTIFACTS") or tmp_path) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # the overview's insights panel compiles many queries the first time: give it time
    context.set_default_timeout(180_000)
    tab = context.new_page()
    tab.errors = []  # console errors and uncaught exceptions of the page
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_without_errors(server: str, page: Any, path: str,
                                         artifacts: Path) -> None:  # fmt: skip
    tab = page
    # the insights compile many queries the first time (seconds, minutes on a loaded machine)
    response = tab.goto(f"{server}{path}?{VIEW}", timeout=300_000)
    assert response.status == 200
    tab.wait_for_load_state("networkidle", timeout=300_000)
    if path == "/":  # the insights panel fills in after the page has drawn
        tab.wait_for_selector("#insights-panel ol", timeout=300_000)
    charts = tab.locator("[data-figure]").count()
    if charts:
        tab.wait_for_selector("[data-figure] svg.main-svg")
        drawn = tab.locator("[data-figure] svg.main-svg").count()
        assert drawn >= charts
    name = path.strip("/").replace("/", "_") or "overview"
    tab.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    assert tab.errors == []


def test_a_filter_updates_numbers_and_url(server: str, page: Any) -> None:
    tab = page
    tab.goto(f"{server}/?{VIEW}")
    before = tab.locator('[data-kpi="revenue"] .value').inner_text()
    tab.get_by_label("Team", exact=True).fill(TEAM)
    tab.get_by_role("button", name="Apply").click()
    tab.wait_for_url("**team=SMB+EMEA**")
    after = tab.locator('[data-kpi="revenue"] .value').inner_text()
    assert after != before
    assert "team=SMB+EMEA" in tab.url


def test_a_card_leads_to_its_kpi_page_and_records(server: str, page: Any) -> None:
    tab = page
    tab.goto(f"{server}/?{VIEW}")
    tab.locator('[data-kpi="win_rate"] h2 a').click()
    tab.wait_for_url("**/kpis/win_rate**")
    assert "from=2024-01-01" in tab.url
    assert tab.locator("#records tbody tr").count() > 0
    assert tab.locator("#periods tbody tr").count() == 4


def test_a_bad_upload_shows_its_problems(server: str, page: Any, tmp_path: Path) -> None:
    bad = tmp_path / "deals.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    tab = page
    tab.goto(f"{server}/import")
    tab.get_by_label("Table", exact=True).select_option("opportunities")
    tab.get_by_label("File", exact=True).set_input_files(str(bad))
    tab.get_by_role("button", name="Import").click()
    alert = tab.get_by_role("alert")
    alert.wait_for()
    text = alert.inner_text()
    assert "Nothing was imported" in text and "close_date" in text and "amount" in text


AXE = Path(
    os.environ.get("SALESMETRICS_AXE")
    or Path(__file__).resolve().parents[2]
    / ".ci"
    / "axe"
    / "node_modules"
    / "axe-core"
    / "axe.min.js"
)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(server: str, browser: Any, path: str) -> None:
    """axe-core (npm, installed by .ci/run) finds no serious or critical violation. (The
    pages' Content-Security-Policy refuses injected scripts: the audit's browser context
    bypasses it, as a browser extension would.)"""
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE} (npm install --prefix .ci/axe axe-core@4)"
        if os.environ.get("SALESMETRICS_TEST_BACKENDS"):
            pytest.fail(message)
        pytest.skip(message)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{server}{path}?{VIEW}", timeout=300_000)
    page.wait_for_load_state("networkidle", timeout=300_000)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]
    context.close()
    assert serious == []


@pytest.mark.parametrize("path", ["/", "/pipeline", "/revenue", "/team", "/kpis/revenue"])
def test_pages_fit_a_phone(server: str, browser: Any, path: str, artifacts: Path) -> None:
    """On a 390 px wide phone the page does not scroll sideways (wide tables scroll in their
    own box), the cards stack in one column, and every control can be reached by keyboard."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)  # fmt: skip
    tab = context.new_page()
    try:
        tab.goto(f"{server}{path}?{VIEW}")
        tab.wait_for_load_state("networkidle")
        overflow = tab.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{path} is {overflow} px wider than the phone"
        cards = tab.locator(".card")
        if cards.count() >= 2:
            first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
            assert first and second and second["y"] >= first["y"] + first["height"] - 1
        tab.keyboard.press("Tab")
        focused = tab.evaluate("() => document.activeElement.textContent.trim()")
        assert focused == "Skip to content"
        name = path.strip("/").replace("/", "_") or "overview"
        tab.screenshot(path=str(artifacts / f"phone_{name}.png"), full_page=True)
    finally:
        context.close()


def test_a_rep_signs_in_and_sees_only_their_numbers(demo: Path, page: Any,
                                                   artifacts: Path) -> None:  # fmt: skip
    """The demo's rep user (the star rep, R0002) signs in through the form: the cards, the
    API and the team board show their numbers only (the command line's, filtered to them)."""
    import json

    from tests.conftest import run_cli

    window = ("--from", "2024-01-01", "--to", "2024-12-31", "--grain", "total")
    mine = run_cli("kpi", "revenue", *window, "--where", "rep=R0002", "--format", "json",
                   "-w", demo)  # fmt: skip
    everyone = run_cli("kpi", "revenue", *window, "--format", "json", "-w", demo)
    own = json.loads(mine.stdout)["rows"][0]["value"]
    assert own != json.loads(everyone.stdout)["rows"][0]["value"]
    with serving(demo) as base:
        tab = page
        tab.goto(f"{base}/?{VIEW}")
        tab.wait_for_url("**/login?next=**")
        tab.get_by_label("User name or email").fill("rep")
        tab.get_by_label("Password").fill("northwind-rep")
        tab.get_by_role("button", name="Sign in").click()
        tab.wait_for_url(f"{base}/?{VIEW}")
        assert "rep · rep" in tab.locator("nav").inner_text()
        tab.screenshot(path=str(artifacts / "rep_overview.png"), full_page=True)
        seen = tab.request.get(f"{base}/api/kpis/revenue?grain=total&from=2024-01-01"
                               "&to=2024-12-31").json()  # fmt: skip
        assert seen["rows"][0]["value"] == pytest.approx(own)
        assert tab.locator('[data-kpi="revenue"] .value').inner_text() not in ("", "—")
        tab.goto(f"{base}/team?{VIEW}")
        rows = tab.locator("#board tbody tr th").all_inner_texts()
        assert rows == ["R0002"]
        assert "R0003" not in tab.content()
        assert tab.errors == []
        tab.get_by_role("button", name="Sign out").click()
        tab.wait_for_url("**/login")
        assert tab.request.get(f"{base}/api/kpis").status == 401


def test_the_pages_refuse_injected_inline_scripts(server: str, page: Any) -> None:
    """The Content-Security-Policy holds in a real browser: an inline script is blocked."""
    page.goto(f"{server}/?{VIEW}")
    with pytest.raises(Exception, match="Content Security Policy"):
        page.add_script_tag(content="window.injected = true")
    assert page.evaluate("() => window.injected === undefined")

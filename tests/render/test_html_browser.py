"""The HTML report in a real browser: headless Chromium (Debian's chromium and chromium-driver,
which `make test` installs) driven by Selenium. Screenshots go to build/screenshots/."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.api import brief, build_briefing
from storyline.model import Briefing
from storyline.render.html import to_html
from tests.render.hostile import hostile_articles

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
LAPTOP, PHONE = (1280, 900), (390, 844)


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.fail(
            "headless Chromium is missing: `make test` installs the Debian packages "
            "chromium and chromium-driver (scripts/install-browser.sh)"
        )
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not look for drivers online
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="storyline-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def daraa(daraa_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, Path]:
    briefing = brief(daraa_dir)
    page = tmp_path_factory.mktemp("report") / "daraa.html"
    page.write_text(to_html(briefing), encoding="utf-8")
    return briefing, page


def _open(driver: object, page: Path, size: tuple[int, int]) -> None:
    driver.set_window_size(*size)  # type: ignore[attr-defined]
    driver.get(page.as_uri())  # type: ignore[attr-defined]


def test_browser_daraa_report_renders_and_cites(
    driver: object, daraa: tuple[Briefing, Path]
) -> None:
    from selenium.webdriver.common.by import By

    briefing, page = daraa
    _open(driver, page, LAPTOP)
    d = driver  # type: ignore[assignment]
    assert briefing.headline is not None
    assert d.find_element(By.TAG_NAME, "h1").text == briefing.headline.text  # type: ignore[attr-defined]
    errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
    assert errors == []  # the page's script ran under its own CSP without complaint

    # a citation click shows its sentence, marked, inside its paragraph
    first = briefing.summary[0].citations[0]
    text = next(a.text for a in briefing.articles if a.id == first.article)
    link = d.find_element(By.CSS_SELECTOR, "#summary a.cite")  # type: ignore[attr-defined]
    viewer = d.find_element(By.ID, "viewer")  # type: ignore[attr-defined]
    assert not viewer.is_displayed()
    link.click()
    assert viewer.is_displayed()
    assert viewer.find_element(By.TAG_NAME, "mark").text == " ".join(
        text[first.start : first.end].split()
    )
    quote = viewer.find_element(By.TAG_NAME, "blockquote").text
    assert len(quote) >= len(viewer.find_element(By.TAG_NAME, "mark").text)
    SHOTS.mkdir(parents=True, exist_ok=True)
    d.save_screenshot(str(SHOTS / "daraa-1280-citation.png"))  # type: ignore[attr-defined]
    d.find_element(By.ID, "viewer-close").click()  # type: ignore[attr-defined]
    assert not viewer.is_displayed()

    # the map shows points inside its frame
    svg = d.find_element(By.ID, "map-svg")  # type: ignore[attr-defined]
    points = svg.find_elements(By.CSS_SELECTOR, "circle.pt")
    assert len(points) >= 5
    box = svg.rect
    for point in points:
        r = point.rect
        assert r["width"] > 0
        assert box["x"] - 1 <= r["x"] and r["x"] + r["width"] <= box["x"] + box["width"] + 1
    d.execute_script("arguments[0].scrollIntoView()", svg)  # type: ignore[attr-defined]
    d.save_screenshot(str(SHOTS / "daraa-1280-map.png"))  # type: ignore[attr-defined]

    # filter by type, then sort by date
    from selenium.webdriver.support.ui import Select

    Select(d.find_element(By.ID, "event-type")).select_by_value("Battles")  # type: ignore[attr-defined]
    rows = d.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")  # type: ignore[attr-defined]
    shown = [r for r in rows if r.is_displayed()]
    battles = [e for e in briefing.events if e.event_type == "Battles"]
    assert len(shown) == len(battles) > 0
    assert all(r.get_attribute("data-type") == "Battles" for r in shown)
    Select(d.find_element(By.ID, "event-type")).select_by_value("")  # type: ignore[attr-defined]
    d.find_element(By.CSS_SELECTOR, "#events-table th[data-sort=num] button").click()  # type: ignore[attr-defined]
    killed = [
        int(r.find_elements(By.TAG_NAME, "td")[4].get_attribute("data-v"))
        for r in d.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")  # type: ignore[attr-defined]
    ]
    assert killed == sorted(killed)


def test_browser_daraa_report_reads_at_phone_width(
    driver: object, daraa: tuple[Briefing, Path]
) -> None:
    from selenium.webdriver.common.by import By

    _, page = daraa
    _open(driver, page, PHONE)
    d = driver  # type: ignore[assignment]
    # nothing but the events table's own scroll box is wider than the screen
    overflow = d.execute_script(  # type: ignore[attr-defined]
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1
    # the events table is a column of cards: nothing to scroll sideways, each value labelled
    box = d.execute_script(  # type: ignore[attr-defined]
        "const t = document.getElementById('events-table');"
        "return [t.scrollWidth, t.parentElement.clientWidth,"
        " getComputedStyle(t.querySelector('tbody td:nth-child(5)'), '::before').content]"
    )
    assert box[0] <= box[1] + 1 and "Killed" in box[2]
    SHOTS.mkdir(parents=True, exist_ok=True)
    d.save_screenshot(str(SHOTS / "daraa-390.png"))  # type: ignore[attr-defined]
    d.find_element(By.CSS_SELECTOR, "#summary a.cite").click()  # type: ignore[attr-defined]
    viewer = d.find_element(By.ID, "viewer")  # type: ignore[attr-defined]
    assert viewer.is_displayed() and viewer.rect["width"] <= PHONE[0]
    d.save_screenshot(str(SHOTS / "daraa-390-citation.png"))  # type: ignore[attr-defined]


@pytest.mark.parametrize("policy", [True, False], ids=["with-csp", "without-csp"])
def test_browser_runs_no_script_from_reports(driver: object, tmp_path: Path, policy: bool) -> None:
    """Hostile text, titles, outlets and URLs run nothing: with the page's Content-Security-
    Policy, and without it too (escaping alone must hold)."""
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    html = to_html(build_briefing(hostile_articles()))
    if not policy:
        start = html.index('<meta http-equiv="Content-Security-Policy"')
        html = html[:start] + html[html.index(">", start) + 1 :]
    page = tmp_path / "hostile.html"
    page.write_text(html, encoding="utf-8")
    _open(driver, page, LAPTOP)
    d = driver  # type: ignore[assignment]
    for link in d.find_elements(By.CSS_SELECTOR, "a.cite")[:3]:  # type: ignore[attr-defined]
        link.click()
    for details in d.find_elements(By.TAG_NAME, "details"):  # type: ignore[attr-defined]
        d.execute_script("arguments[0].open = true", details)  # type: ignore[attr-defined]
    assert d.execute_script("return window.__pwned === undefined")  # type: ignore[attr-defined]
    with pytest.raises(NoAlertPresentException):
        d.switch_to.alert.text  # type: ignore[attr-defined]  # noqa: B018
    assert d.execute_script("return document.images.length") == 0  # type: ignore[attr-defined]
    hrefs = [a.get_attribute("href") or "" for a in d.find_elements(By.TAG_NAME, "a")]  # type: ignore[attr-defined]
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    # the payloads are there, as text a reader can see
    assert "<script>window.__pwned" in d.find_element(By.TAG_NAME, "body").text  # type: ignore[attr-defined]
    viewer = d.find_element(By.ID, "viewer")  # type: ignore[attr-defined]
    assert viewer.is_displayed()  # the page's own script still works

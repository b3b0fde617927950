"""Shared fixtures: the seeds built once per test session with the default pipeline."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
CHROMIUM = Path("/usr/bin/chromium")


def pytest_configure(config):
    """Builds in tests (and the kg processes they start) cache into a fresh folder of
    their own, never the user's ~/.cache/kg."""
    import tempfile

    os.environ["KG_CACHE_DIR"] = tempfile.mkdtemp(prefix="kg-test-cache-")


def pytest_unconfigure(config):
    shutil.rmtree(os.environ.pop("KG_CACHE_DIR", ""), ignore_errors=True)


def shared(sub: str) -> Path:
    """A folder of ../shared/, or skip: a user's fresh clone has no shared data."""
    path = SHARED / sub
    if not path.exists():
        pytest.skip(f"{path} not found: development data from ../shared/ is not available here")
    return path


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Path:
    """Output folder of ``kg build seeds/`` (kg.ttl, kg.html)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds-build")
    build([SEEDS], out)
    return out


@pytest.fixture(scope="session")
def seeds_graph(seeds_build) -> Graph:
    g = Graph()
    g.parse(seeds_build / "kg.ttl", format="turtle")
    return g


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must provide /usr/bin/chromium (apt-get install chromium)")
        pytest.skip("/usr/bin/chromium not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()


def copy_seeds(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, dest / f.name)
    return dest

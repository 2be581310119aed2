"""A PDF review renders: `salesmetrics review --format pdf` writes a PDF whose pages poppler's
pdftoppm turns into PNG images (saved as test artifacts), with the review's text in it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.reviews.conftest import AS_OF

#: one xdist worker runs the review tests: the demo company is built once
pytestmark = pytest.mark.xdist_group("reviews")


@pytest.mark.parametrize("cadence", ["weekly", "monthly"])
def test_the_pdf_renders_into_pages(demo: Path, artifacts: Path, cadence: str) -> None:
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing (apt-get install poppler-utils); .ci/run installs it")
    pdf = artifacts / f"{cadence}.pdf"
    done = run_cli("review", "--cadence", cadence, "--as-of", AS_OF, "--format", "pdf",
                   "--output", pdf, "-w", demo)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(artifacts / cadence)],
                   check=True)  # fmt: skip
    pages = sorted(artifacts.glob(f"{cadence}-*.png"))
    assert len(pages) >= 2 and all(p.stat().st_size > 5_000 for p in pages)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert f"{cadence.capitalize()} review" in text and "What to do" in text

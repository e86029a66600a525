"""statlib.render.batch: pages side by side, a failed page reported without stopping the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from statlib.render.batch import render_pages
from statlib.render.publish import write_atomically


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failed_page_is_reported_and_the_others_are_written(tmp_path: Path, workers: int) -> None:
    (tmp_path / "not_a_folder").write_text("a file where a folder should be")
    pages = [
        (tmp_path / "a" / "first.html", "<p>first</p>"),
        (tmp_path / "not_a_folder" / "second.html", "<p>second</p>"),
        (tmp_path / "a" / "third.html", "<p>third</p>"),
    ]
    results = render_pages(write_atomically, pages, workers=workers)
    assert [page for page, _ in results] == [pages[0][0], None, pages[2][0]]
    assert results[0][1] is None and results[2][1] is None
    assert "cannot write page" in results[1][1] and "second.html" in results[1][1]
    assert (tmp_path / "a" / "third.html").read_text() == "<p>third</p>"
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["first.html", "third.html"]


def test_no_pages_renders_nothing() -> None:
    assert render_pages(write_atomically, [], workers=2) == []

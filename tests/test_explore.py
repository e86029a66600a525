"""An analyst's view of a review (issue 9): results as DataFrames, narrowed by unit and
metric, one series' chart, and the worked example notebook run by papermill.
"""

from __future__ import annotations

from pathlib import Path

import papermill
import pytest
from conftest import DEMO_PERIOD

from statlib import schema as S
from statlib.catalog import ROOT_ENV
from statlib.errors import ParamsError
from statlib.report import open_review

pytestmark = pytest.mark.slow
EXAMPLE = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def test_frames_units_metrics_and_a_chart(demo_site):
    catalog, _ = demo_site
    review = open_review("public_safety", DEMO_PERIOD, "en", catalog)
    comparisons = review.frame("comparisons")
    assert len(comparisons) == len(review.results["comparisons"])
    # Names beside keys, in the page's language.
    robbery = comparisons[comparisons[S.METRIC] == "robbery"]
    assert set(robbery["metric_name"]) == {"Robbery"}
    columns = list(comparisons.columns)
    assert columns.index(S.UNIT_NAME) == columns.index(S.UNIT) + 1
    assert set(comparisons.loc[comparisons[S.UNIT] == "75", S.UNIT_NAME]) == {"Precinct 75"}
    # Narrowed: one unit's rows in every table, one metric's; the frame is a copy.
    mine = review.unit("75")
    assert set(mine.frame("flags")[S.UNIT]) <= {"75"} and len(mine.frame("comparisons"))
    assert set(mine.metric("robbery").frame("spc_points")[S.METRIC]) == {"robbery"}
    before = mine.frame("comparisons")
    changed = mine.frame("comparisons")
    changed.loc[:, S.CURRENT] = -1.0
    assert mine.frame("comparisons").equals(before)
    with pytest.raises(ParamsError, match="no unit '999'"):
        review.unit("999")
    with pytest.raises(ParamsError, match="no result table 'nope'"):
        review.frame("nope")
    chart = review.chart("robbery", "75")
    assert chart.svg.startswith("<svg") and chart.alt.startswith("Robbery · Precinct 75: ")


def test_the_worked_example_runs_under_papermill(demo_site, tmp_path, monkeypatch):
    catalog, _ = demo_site
    monkeypatch.setenv(ROOT_ENV, str(catalog.root))
    done = papermill.execute_notebook(
        str(EXAMPLE),
        str(tmp_path / "explore.ipynb"),
        parameters={"period": DEMO_PERIOD},
        progress_bar=False,
    )
    outputs = [o for cell in done.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "<table" in html and "<svg" in html  # the frames and the chart came back

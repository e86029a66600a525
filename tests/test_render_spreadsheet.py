import io

import pandas as pd

from statlib.render.spreadsheet import csv_text, disarm


def test_cells_a_spreadsheet_would_run_get_an_apostrophe():
    for cell in ('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3"):
        assert disarm(cell) == "'" + cell
    assert disarm("\t=1") == "'\t=1" and disarm("\r=1") == "'\r=1"


def test_numbers_and_plain_text_stay_as_they_are():
    for cell in ("-3", "+1.5e3", "-.5", "PS-2026-02", "Robbery -3%", "", None, -3, 2.5):
        assert disarm(cell) == cell


def test_csv_text_disarms_text_columns_and_keeps_negative_numbers_numeric():
    frame = pd.DataFrame(
        {
            "owner": ['=HYPERLINK("http://evil","click")', "CO 75"],
            "unit": ["075", "-1"],
            "pct_change": [-12.5, 3.0],
            "count": [-3, 4],
        }
    )
    text = csv_text(frame)
    back = pd.read_csv(io.StringIO(text), dtype={"unit": str})
    assert back["owner"][0] == '\'=HYPERLINK("http://evil","click")'
    assert list(back["unit"]) == ["075", "-1"]
    assert list(back["pct_change"]) == [-12.5, 3.0] and list(back["count"]) == [-3, 4]
    assert frame["owner"][0].startswith("=")  # the input is not changed
    assert text.startswith("owner,unit,pct_change,count\n")

"""Pruning superseded results (statlib.warehouse_runs) and the loads a domain's data is made of."""

import pandas as pd
from test_warehouse import kpis

from statlib.warehouse import Warehouse


def _compute(wh: Warehouse, period: str, value: float, as_of_load: int | None = None) -> int:
    run_id = wh.begin_run("compute", "public_safety", period, as_of_load=as_of_load)
    wh.write_results(run_id, {"comparisons": pd.DataFrame({"value": [value]})})
    wh.finish_run(run_id, "ok")
    return run_id


def _rows(wh: Warehouse) -> list[tuple[int, float]]:
    return wh._con.execute("SELECT run_id, value FROM comparisons ORDER BY run_id").fetchall()


def test_superseded_results_are_pruned_but_published_and_other_pages_kept(tmp_path):
    with Warehouse.open(tmp_path / "w.duckdb", read_only=False, create=True) as wh:
        first = _compute(wh, "2026-W32", 1.0)
        published = _compute(wh, "2026-W33", 2.0)
        superseded = _compute(wh, "2026-W33", 3.0)
        as_of = _compute(wh, "2026-W33", 4.0, as_of_load=1)
        latest = _compute(wh, "2026-W33", 5.0)
        pruned = wh.prune_results("public_safety", "2026-W33", keep={published})
        assert pruned == [superseded]
        assert _rows(wh) == [(first, 1.0), (published, 2.0), (as_of, 4.0), (latest, 5.0)]
        assert wh.results("comparisons", "public_safety", "2026-W33")["value"].item() == 5.0
        assert wh.prune_results("public_safety", "2026-W33") == [published]
        assert wh.prune_results("public_safety", "2026-W33") == []
        assert wh.prune_results("public_safety", "2026-W40") == []  # never computed


def test_domain_loads_name_the_current_load_of_each_source_of_the_domain(tmp_path):
    with Warehouse.open(tmp_path / "w.duckdb", read_only=False, create=True) as wh:
        first = wh.load("test", "h1", observations=kpis([1.0]))
        wh.load("unrelated", "h2", observations=kpis([1.0]).assign(domain="other"))
        assert wh.domain_loads("public_safety") == {"test": first}
        # A newer file of the same source without any row of the domain still changes it.
        emptied = wh.load("test", "h3", observations=kpis([1.0]).assign(domain="other"))
        assert wh.domain_loads("public_safety") == {"test": emptied}
        assert wh.domain_loads("public_safety", as_of=first) == {"test": first}
        register = wh.load_actions("public_safety", "r1", pd.DataFrame({"domain": []}))
        assert wh.domain_loads("public_safety") == {
            "action_register:public_safety": register,
            "test": emptied,
        }

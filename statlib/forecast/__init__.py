"""Automatic forecasts with calibrated prediction intervals for KPI series.

`forecast` handles a long KPI frame; `forecast_series` and `forecast_total` are the pure
per-series cores; `decumulate`, `cumulate` and `forecast_year_end` handle year-to-date
figures and annual growth targets.
"""

from statlib.forecast.cumulative import (
    against_total_target,
    cumulate,
    decumulate,
    forecast_year_end,
)
from statlib.forecast.frame import forecast
from statlib.forecast.series import SeriesForecast, forecast_series, forecast_total

__all__ = [
    "against_total_target",
    "SeriesForecast",
    "cumulate",
    "decumulate",
    "forecast",
    "forecast_series",
    "forecast_total",
    "forecast_year_end",
]

"""Ingest: published files in, validated long frames and data-quality notes out.

Each source has one module (`nypd`, ...). A module has a thin reader per file at the
edge (`read_weekly`, `read_boundaries`, ...) that validates the file as published and
raises `InputError` naming the file, row, column and rule, and pure functions that turn
the validated frame into the KPI layout of `statlib.schema` (`weekly_kpis`). Every quirk
of the source that ingest repairs or notices (omitted zero weeks, a change of week-end
day, keys spelled three ways) is repaired in the open and reported as a
`DataQualityNote`, so a review page can say what was done to the numbers.

Ingest is the only place, besides the warehouse and the runner, that reads files.
"""

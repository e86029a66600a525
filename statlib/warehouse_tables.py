"""The warehouse's tables, and the migrations that bring an older file up to date.

A warehouse holds history (every load and run), so a newer statlib upgrades an older file
in place rather than asking for a rebuild: MIGRATIONS[v] takes a version-v file to v + 1.
"""

from __future__ import annotations

from statlib import schema as S

SCHEMA_VERSION = 4  # 2: the actions table; 3: reported growth; 4: the data a run is as of

_BASE_DDL = f"""
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE SEQUENCE load_ids START 1;
CREATE SEQUENCE run_ids START 1;
CREATE TABLE loads (
    load_id BIGINT PRIMARY KEY, source VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL, observation_rows BIGINT NOT NULL, event_rows BIGINT NOT NULL
);
CREATE TABLE observations (
    load_id BIGINT NOT NULL, {S.DOMAIN} VARCHAR NOT NULL, {S.METRIC} VARCHAR NOT NULL,
    {S.UNIT} VARCHAR NOT NULL, {S.PERIOD} VARCHAR NOT NULL, {S.PERIOD_END} DATE NOT NULL,
    {S.VALUE} DOUBLE, {S.NUMERATOR} DOUBLE, {S.DENOMINATOR} DOUBLE, {S.TARGET} DOUBLE,
    {S.REPORTED_GROWTH} DOUBLE
);
CREATE TABLE events (
    load_id BIGINT NOT NULL, {S.DOMAIN} VARCHAR NOT NULL, {S.EVENT_ID} VARCHAR NOT NULL,
    {S.CATEGORY} VARCHAR NOT NULL, {S.UNIT} VARCHAR, {S.OCCURRED_AT} TIMESTAMP NOT NULL,
    {S.CLOSED_AT} TIMESTAMP, {S.LONGITUDE} DOUBLE, {S.LATITUDE} DOUBLE
);
CREATE TABLE quality_notes (
    load_id BIGINT NOT NULL, {S.DOMAIN} VARCHAR NOT NULL, {S.NOTE_SOURCE} VARCHAR NOT NULL,
    {S.NOTE_RULE} VARCHAR NOT NULL, {S.NOTE_AFFECTED_ROWS} BIGINT NOT NULL,
    {S.NOTE_ACTION} VARCHAR NOT NULL, {S.NOTE_DETAIL} VARCHAR NOT NULL
);
CREATE TABLE runs (
    run_id BIGINT PRIMARY KEY, kind VARCHAR NOT NULL, {S.DOMAIN} VARCHAR NOT NULL,
    {S.PERIOD} VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL
);
CREATE TABLE run_ends (
    run_id BIGINT PRIMARY KEY, finished_at TIMESTAMP NOT NULL, status VARCHAR NOT NULL,
    detail VARCHAR NOT NULL
);
"""

# Version 2: versions of each domain's action register (statlib.ingest.actions).
_ACTIONS_DDL = f"""
CREATE TABLE actions (
    load_id BIGINT NOT NULL, {S.DOMAIN} VARCHAR NOT NULL, {S.ACTION_ID} VARCHAR NOT NULL,
    {S.AGREED_PERIOD} VARCHAR NOT NULL, {S.OWNER} VARCHAR NOT NULL, {S.UNIT} VARCHAR NOT NULL,
    {S.METRIC} VARCHAR NOT NULL, "{S.ACTION_TEXT}" VARCHAR NOT NULL,
    {S.DUE_PERIOD} VARCHAR NOT NULL, "{S.ACTION_STATUS}" VARCHAR NOT NULL,
    {S.CLOSED_PERIOD} VARCHAR, "{S.UPDATE}" VARCHAR
);
"""

# Version 3: the growth a department reports beside (or instead of) a level.
_REPORTED_GROWTH_DDL = f"""
ALTER TABLE observations ADD COLUMN IF NOT EXISTS {S.REPORTED_GROWTH} DOUBLE;
"""

# Version 4: the load a run's data is as of (data_load: the state of loads 1..data_load), and
# as_of_load when the run reproduces an earlier state (`statlib run --as-of`); NULL in runs
# made before (they read the state current when they ran).
_RUN_AS_OF_DDL = """
ALTER TABLE runs ADD COLUMN data_load BIGINT;
ALTER TABLE runs ADD COLUMN as_of_load BIGINT;
"""

# A new warehouse: every table at SCHEMA_VERSION.
DDL = _BASE_DDL + _ACTIONS_DDL + _RUN_AS_OF_DDL
MIGRATIONS = {1: _ACTIONS_DDL, 2: _REPORTED_GROWTH_DDL, 3: _RUN_AS_OF_DDL}

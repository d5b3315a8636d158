#!/bin/sh
# First start of the Postgres container only: one role per system, each owning its own databases.
# Temporal's databases themselves are created by temporal-schema (deploy/temporal/setup-schema.sh).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
CREATE ROLE tempered LOGIN PASSWORD '${TEMPERED_DB_PASSWORD}';
CREATE DATABASE tempered OWNER tempered;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${TEMPORAL_DB_PASSWORD}';
SQL

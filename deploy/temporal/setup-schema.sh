#!/bin/sh
# Creates Temporal's two databases in Postgres (if missing) and brings their schemas up to the
# version of this admin-tools image: run before the server starts, and again after every upgrade
# of the server image (update-schema applies only what is missing).
set -eu
tool() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"; }
for db in temporal temporal_visibility; do
  tool --db "$db" create 2>/dev/null || echo "database $db exists"
done
schemas=/etc/temporal/schema/postgresql/v12
tool --db temporal setup-schema -v 0.0
tool --db temporal update-schema -d "$schemas/temporal/versioned"
tool --db temporal_visibility setup-schema -v 0.0
tool --db temporal_visibility update-schema -d "$schemas/visibility/versioned"
echo "Temporal schemas are up to date"

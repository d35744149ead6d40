#!/bin/sh
# Load: clean.csv into the warehouse (the PostgreSQL Metabase reads), in one transaction: the day's orders are
# upserted by order_id, so a load run twice changes nothing, and each load is logged in etl_load with the execution
# that made it. Runs only where the database is reachable (the job's tags). psql reads its connection from PGHOST,
# PGPORT, PGDATABASE and, from the secret provider through the job's env, PGUSER and PGPASSWORD: nothing of it is in
# the job, this script or its output.
set -eu
: "${ETL_WORK_DIR:?set ETL_WORK_DIR in the job's env}"
: "${PGHOST:?}" "${PGDATABASE:?}" "${PGUSER:?}" "${PGPASSWORD:?}"
clean="$ETL_WORK_DIR/clean.csv"
test -s "$clean" || { echo "load: $clean is missing: transform has not produced it" >&2; exit 1; }

psql --no-psqlrc --quiet --set ON_ERROR_STOP=1 \
    --set execution="${PENDULE_EXECUTION_ID:-by-hand-$(date +%s)}" <<SQL
BEGIN;
CREATE TEMP TABLE orders_in (LIKE orders INCLUDING DEFAULTS) ON COMMIT DROP;
\copy orders_in (order_id, order_date, customer, amount_eur) FROM '$clean' WITH (FORMAT csv, HEADER true)
INSERT INTO orders (order_id, order_date, customer, amount_eur)
    SELECT order_id, order_date, customer, amount_eur FROM orders_in
    ON CONFLICT (order_id) DO UPDATE
    SET order_date = EXCLUDED.order_date, customer = EXCLUDED.customer, amount_eur = EXCLUDED.amount_eur,
        loaded_at = now();
INSERT INTO etl_load (execution_id, row_count) SELECT :'execution', count(*) FROM orders_in;
\pset tuples_only on
\pset format unaligned
SELECT 'load: ' || count(*) || ' rows upserted into orders by ' || :'execution' FROM orders_in;
COMMIT;
SQL

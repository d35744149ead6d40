-- Run once by the database's owner (psql -d etl -f schema.sql), after creating the loader's role:
--   CREATE ROLE etl_loader LOGIN PASSWORD '…';
-- The loader may add and update rows, nothing else: no DDL, no DELETE.
CREATE TABLE IF NOT EXISTS orders (
    order_id   BIGINT PRIMARY KEY,
    order_date DATE           NOT NULL,
    customer   TEXT           NOT NULL,
    amount_eur NUMERIC(12, 2) NOT NULL,
    loaded_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS etl_load (
    execution_id TEXT PRIMARY KEY,
    row_count    INTEGER NOT NULL,
    loaded_by    TEXT    NOT NULL DEFAULT current_user,
    loaded_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON orders, etl_load TO etl_loader;

-- What the demo city's own load left in each table, recorded when it was loaded (npm start, db:seed), so
-- that `npm run db:reset` can tell a database holding only the demo city (safe to rebuild) from one
-- holding anything more (edited drafts, a real city's data), which it refuses to drop unless forced.
CREATE TABLE demo_city_load (
  table_name  text PRIMARY KEY,
  row_count   bigint NOT NULL CHECK (row_count >= 0),
  -- An order-independent digest of the rows (sum of hashtext of each row's text): an edit in place shows.
  digest      bigint NOT NULL,
  loaded_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE demo_city_load IS 'Row count and digest of every table right after the demo city was loaded; db:reset compares against it.';

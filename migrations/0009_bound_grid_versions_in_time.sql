-- Grids that take effect in the future, and old versions of the same code: one definition of "the grids
-- in force at time t" for every query, and a constraint that no two versions of one code overlap in time.
-- A version is in force over the half-open period [valid_from, valid_to); valid_to NULL = open-ended.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Codes were unique among the rows with valid_to NULL; that cannot hold a future version (its valid_to is
-- NULL too, next to the version it replaces until then). The periods of one code must not overlap instead.
DROP INDEX grid_code_in_force_idx;
ALTER TABLE grid ADD CONSTRAINT grid_code_versions_do_not_overlap
  EXCLUDE USING gist (code WITH =, tstzrange(valid_from, valid_to) WITH &&);

-- The same for a worker's assignment to a grid: one assignment of a worker to a code at any time.
DROP INDEX grid_assignment_current_idx;
ALTER TABLE grid_assignment ADD CONSTRAINT grid_assignment_periods_do_not_overlap
  EXCLUDE USING gist (worker_id WITH =, grid_code WITH =, tstzrange(valid_from, valid_to) WITH &&);

-- A version written "now" must be in force for a read at the app's own now: the app's clock (a JS Date)
-- has millisecond resolution, the database's microsecond; the defaults are cut to the millisecond so a
-- read right after a write never falls in the sub-millisecond before it. (App and database hosts keep
-- their clocks in step with NTP, as any intranet server does.)
ALTER TABLE grid ALTER COLUMN valid_from SET DEFAULT date_trunc('milliseconds', now());
ALTER TABLE grid_assignment ALTER COLUMN valid_from SET DEFAULT date_trunc('milliseconds', now());

-- The grids in force at t. A plain SQL function the planner inlines into the calling query, so
-- `FROM grids_in_force($1) g WHERE g.geom && box` still uses the GiST index on grid.geom.
CREATE FUNCTION grids_in_force(t timestamptz) RETURNS SETOF grid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT * FROM grid WHERE valid_from <= t AND (valid_to IS NULL OR valid_to > t) $$;
COMMENT ON FUNCTION grids_in_force(timestamptz) IS 'The grid versions in force at t: valid_from <= t < valid_to (valid_to NULL: open-ended).';

CREATE FUNCTION grid_assignments_in_force(t timestamptz) RETURNS SETOF grid_assignment
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT * FROM grid_assignment WHERE valid_from <= t AND (valid_to IS NULL OR valid_to > t) $$;
COMMENT ON FUNCTION grid_assignments_in_force(timestamptz) IS 'The worker-to-grid assignments in force at t, by the same rule as grids_in_force.';

-- The load of every grid version, not only the current ones: an old or a future version's households
-- come from the same standard addresses, and a map "as of" a date needs them.
DROP MATERIALIZED VIEW grid_load;
CREATE MATERIALIZED VIEW grid_load AS
SELECT g.id AS grid_id,
       g.code,
       count(a.id)::int                      AS addresses,
       coalesce(sum(a.households), 0)::int   AS households,
       coalesce(sum(a.residents), 0)::int    AS residents
FROM grid g
LEFT JOIN standard_address a ON a.geom && g.geom AND ST_Covers(g.geom, a.geom)
GROUP BY g.id, g.code;
COMMENT ON MATERIALIZED VIEW grid_load IS 'Households, residents and addresses per grid version (in force, past or future), from standard addresses.';
CREATE UNIQUE INDEX grid_load_grid_idx ON grid_load (grid_id);

-- The code/community triggers name what they check, so a violation maps to an error by its name.
CREATE OR REPLACE FUNCTION grid_code_matches_community() RETURNS trigger AS $$
BEGIN
  IF substr(NEW.code, 1, 12) <> (SELECT code FROM community WHERE id = NEW.community_id) THEN
    RAISE EXCEPTION 'grid code % does not start with its community code', NEW.code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'grid_code_matches_community';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION grid_draft_grid_code_matches_community() RETURNS trigger AS $$
BEGIN
  IF NEW.code IS NOT NULL AND substr(NEW.code, 1, 12) <> (SELECT code FROM community WHERE id = NEW.community_id) THEN
    RAISE EXCEPTION 'draft grid code % does not start with its community code', NEW.code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'grid_draft_grid_code_matches_community';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

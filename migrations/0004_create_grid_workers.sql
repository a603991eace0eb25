-- Grid workers (网格员) and their grid assignments. Every comprehensive grid should have one full-time
-- worker; supervision counts the grids without one and the workers holding two or more grids.

CREATE TABLE grid_worker (
  id            serial PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) > 0),
  employment    text NOT NULL CHECK (employment IN ('full_time', 'part_time')),
  phone         text NOT NULL DEFAULT '',
  community_id  int NOT NULL REFERENCES community(id),
  -- Last known position from patrol (may be NULL before the first patrol).
  position      geometry(Point, 4326),
  position_at   timestamptz
);
COMMENT ON TABLE grid_worker IS 'A grid worker: full-time (专职) or part-time (兼职, usually community staff).';
CREATE INDEX grid_worker_position_idx ON grid_worker USING gist (position);

-- Assignments reference the grid code, not the row id, so that they survive a new version of the grid.
CREATE TABLE grid_assignment (
  id          serial PRIMARY KEY,
  worker_id   int NOT NULL REFERENCES grid_worker(id),
  grid_code   char(15) NOT NULL,
  valid_from  timestamptz NOT NULL DEFAULT now(),
  valid_to    timestamptz,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
COMMENT ON TABLE grid_assignment IS 'Which worker serves which grid (by grid code) over which period.';
CREATE UNIQUE INDEX grid_assignment_current_idx ON grid_assignment (worker_id, grid_code) WHERE valid_to IS NULL;
CREATE INDEX grid_assignment_grid_idx ON grid_assignment (grid_code);

-- The planner (网格优化测算): scenarios of re-dividing grids to the households norm, priced by the staffing
-- rule, kept to be compared and promoted to the streets' draft plans. Also the barrier layers (major roads,
-- rivers) a re-division should not cross, and the pricing settings.

-- The staffing rule and monthly subsidies the planner prices a division with (yuan a month per worker).
INSERT INTO app_setting (key, value) VALUES
  ('staffing_pricing', '{"fullTimePerGrid": 1, "partTimePerGrid": 1, "fullTimeMonthlyYuan": 4500, "partTimeMonthlyYuan": 800}')
ON CONFLICT (key) DO NOTHING;

-- Lines a grid should not cross, in named layers (a file of major roads, one of rivers).
CREATE TABLE barrier_layer (
  id          serial PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  created_by  int REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
COMMENT ON TABLE barrier_layer IS 'A named layer of barrier lines (major roads, rivers, railways) a re-division should not cross.';

CREATE TABLE barrier_line (
  id        bigserial PRIMARY KEY,
  layer_id  int NOT NULL REFERENCES barrier_layer(id) ON DELETE CASCADE,
  name      text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  geom      geometry(MultiLineString, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom))
);
COMMENT ON TABLE barrier_line IS 'A line of a barrier layer (a road, a river) the address adjacency of a re-division does not cross.';
CREATE INDEX barrier_line_layer_idx ON barrier_line (layer_id);
CREATE INDEX barrier_line_geom_idx ON barrier_line USING gist (geom);

CREATE TABLE rebalance_scenario (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- The region the scenario re-divides: a district, a street, or communities (their codes).
  scope_codes   text[] NOT NULL CHECK (cardinality(scope_codes) BETWEEN 1 AND 200),
  -- The grids in force the scenario started from.
  as_of         timestamptz NOT NULL,
  -- Households min/max, residents max, keep dedicated grids, barrier layer, seed.
  params        jsonb NOT NULL,
  -- The staffing rule and subsidies the figures were priced with (the settings at the run).
  pricing       jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  -- Communities done over all of them while running.
  progress      real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  figures       jsonb,
  -- Grids left out of range and why (per community).
  refusals      jsonb NOT NULL DEFAULT '[]'::jsonb,
  error         text,
  duration_ms   int,
  -- A run is kept as the planner's last one until saved; saved scenarios stay until deleted.
  saved         boolean NOT NULL DEFAULT false,
  created_by    int NOT NULL REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at    timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  -- The drafts it was promoted to (one per street), and when.
  promoted_at   timestamptz,
  promoted_by   int REFERENCES app_user(id),
  promoted_drafts bigint[]
);
COMMENT ON TABLE rebalance_scenario IS 'A planner''s scenario of re-dividing grids (网格优化测算): parameters, pricing used, figures, status.';
CREATE INDEX rebalance_scenario_user_idx ON rebalance_scenario (created_by, created_at DESC);

CREATE TABLE rebalance_scenario_grid (
  scenario_id     bigint NOT NULL REFERENCES rebalance_scenario(id) ON DELETE CASCADE,
  grid_no         int NOT NULL CHECK (grid_no >= 1),
  community_id    int NOT NULL REFERENCES community(id),
  -- The grid in force it carries on (its code goes with it), or NULL for a new grid.
  source_grid_id  bigint REFERENCES grid(id),
  unchanged       boolean NOT NULL,
  kept            boolean NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('comprehensive', 'dedicated')),
  dedicated_type  text,
  households      int NOT NULL CHECK (households >= 0),
  residents       int NOT NULL CHECK (residents >= 0),
  addresses       int NOT NULL CHECK (addresses >= 0),
  in_range        boolean NOT NULL,
  polsby_popper   real NOT NULL,
  geom            geometry(MultiPolygon, 4326) NOT NULL,
  PRIMARY KEY (scenario_id, grid_no)
);
COMMENT ON TABLE rebalance_scenario_grid IS 'A proposed grid of a scenario: its shape, households, and the grid in force it carries on.';
CREATE INDEX rebalance_scenario_grid_geom_idx ON rebalance_scenario_grid USING gist (geom);

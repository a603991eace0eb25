-- City-level settings (the households-per-grid norm is the city's own choice, not a constant).

CREATE TABLE app_setting (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL
);
COMMENT ON TABLE app_setting IS 'City-level settings, e.g. the households-per-grid norm.';

INSERT INTO app_setting (key, value) VALUES
  ('grid_norm', '{"householdsMin": 300, "householdsMax": 500, "residentsMax": 2500}')
ON CONFLICT (key) DO NOTHING;

-- Bumped whenever grid or territory geometry changes, so that caches of vector tiles can be keyed on it.
CREATE TABLE data_version (
  layer    text PRIMARY KEY,
  version  bigint NOT NULL DEFAULT 1
);
COMMENT ON TABLE data_version IS 'A counter per map layer, bumped on every change, used as the tile cache key.';

-- Grid workers in the field: live positions (a table partitioned by China day, so that a year of
-- positions of 10,000 workers is cheap to query by day and to drop day by day), the day's patrol log
-- (民情日志), and key-site inspections on a schedule per site category.

-- Positions arrive in batches (server/field/positions.ts), never one statement per position. A day's
-- partition is created ahead by ensure_position_partitions and dropped after the retention period.
CREATE TABLE worker_position (
  worker_id   int NOT NULL,
  at          timestamptz NOT NULL,
  geom        geometry(Point, 4326) NOT NULL,
  accuracy_m  real CHECK (accuracy_m IS NULL OR accuracy_m >= 0),
  source      text NOT NULL DEFAULT 'device' CHECK (source IN ('device', 'simulator'))
) PARTITION BY RANGE (at);
COMMENT ON TABLE worker_position IS 'Grid workers'' reported positions, one partition per China day (worker_position_YYYYMMDD).';
CREATE INDEX worker_position_worker_at_idx ON worker_position (worker_id, at);

-- The partitions of `days` China days from `first` (created when missing); returns how many it made.
CREATE FUNCTION ensure_position_partitions(first date, days int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  d date;
  made int := 0;
  name text;
BEGIN
  FOR i IN 0 .. days - 1 LOOP
    d := first + i;
    name := 'worker_position_' || to_char(d, 'YYYYMMDD');
    IF to_regclass(name) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF worker_position FOR VALUES FROM (%L) TO (%L)',
                     name, d::text || ' 00:00:00+08', (d + 1)::text || ' 00:00:00+08');
      made := made + 1;
    END IF;
  END LOOP;
  RETURN made;
END;
$$;

-- Drops the partitions of China days before `keep_from`; returns how many it dropped.
CREATE FUNCTION drop_position_partitions_before(keep_from date) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  r record;
  dropped int := 0;
BEGIN
  FOR r IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'worker_position'::regclass AND c.relname ~ '^worker_position_[0-9]{8}$'
       AND to_date(substring(c.relname from '[0-9]{8}$'), 'YYYYMMDD') < keep_from
  LOOP
    EXECUTE format('DROP TABLE %I', r.relname);
    dropped := dropped + 1;
  END LOOP;
  RETURN dropped;
END;
$$;

INSERT INTO app_setting (key, value) VALUES ('field_work', '{"positionRetentionDays": 90, "coverageDistanceM": 50}')
ON CONFLICT (key) DO NOTHING;

-- The day's patrol log of a worker (民情日志): what they saw, the places visited; linked to the day's
-- track by worker and day. One log per worker and day, edited until the day is over.
CREATE TABLE patrol_log (
  id          bigserial PRIMARY KEY,
  worker_id   int NOT NULL REFERENCES grid_worker(id),
  day         date NOT NULL,
  body        text NOT NULL CHECK (length(btrim(body)) > 0 AND length(body) <= 8000),
  -- Standard addresses visited (ids), in the order the worker gave them.
  visited     bigint[] NOT NULL DEFAULT '{}' CHECK (cardinality(visited) <= 500),
  author_id   int REFERENCES app_user(id),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  version     int NOT NULL DEFAULT 1,
  UNIQUE (worker_id, day)
);
COMMENT ON TABLE patrol_log IS 'A grid worker''s patrol log of one day (民情日志), with the addresses visited.';
ALTER TABLE incident_photo ADD COLUMN patrol_log_id bigint REFERENCES patrol_log(id);

-- How often each category of key site must be inspected (a hazardous-chemicals site monthly, …).
CREATE TABLE key_site_inspection_rule (
  category       text PRIMARY KEY CHECK (category IN ('school', 'hospital', 'market', 'hazardous_chemicals', 'religious', 'elderly_home', 'construction')),
  interval_days  int NOT NULL CHECK (interval_days BETWEEN 1 AND 366)
);
COMMENT ON TABLE key_site_inspection_rule IS 'How often a key site of each category must be inspected, in days (a setting).';
INSERT INTO key_site_inspection_rule (category, interval_days) VALUES
  ('hazardous_chemicals', 30), ('construction', 7), ('market', 14), ('school', 30), ('hospital', 30), ('elderly_home', 30), ('religious', 60);

CREATE TABLE key_site_inspection (
  id           bigserial PRIMARY KEY,
  key_site_id  int NOT NULL REFERENCES key_site(id),
  worker_id    int REFERENCES grid_worker(id),
  author_id    int REFERENCES app_user(id),
  at           timestamptz NOT NULL,
  result       text NOT NULL CHECK (result IN ('ok', 'issue')),
  note         text NOT NULL DEFAULT '' CHECK (length(note) <= 4000),
  -- An issue found is reported as a case of the loop.
  incident_id  bigint REFERENCES incident(id)
);
COMMENT ON TABLE key_site_inspection IS 'An inspection of a key site by a grid worker; overdue when the last one is older than the category''s interval.';
CREATE INDEX key_site_inspection_site_idx ON key_site_inspection (key_site_id, at DESC);

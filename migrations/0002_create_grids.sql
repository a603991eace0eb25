-- Grids (网格) with validity periods so that history stays queryable after each plan takes effect.

CREATE TABLE grid (
  id                bigserial PRIMARY KEY,
  code              char(15) NOT NULL CHECK (code ~ '^[0-9]{15}$'),
  name              text NOT NULL CHECK (length(name) > 0),
  kind              text NOT NULL CHECK (kind IN ('comprehensive', 'dedicated')),
  -- Only dedicated grids carry a type: the unit the grid is carved out for.
  dedicated_type    text CHECK (dedicated_type IN ('park', 'school', 'hospital', 'enterprise', 'market', 'government')),
  community_id      int NOT NULL REFERENCES community(id),
  responsible_unit  text NOT NULL DEFAULT '',
  notes             text NOT NULL DEFAULT '',
  geom              geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  -- In force from valid_from until valid_to (NULL = still in force).
  valid_from        timestamptz NOT NULL DEFAULT now(),
  valid_to          timestamptz,
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  -- The first 12 digits of a grid code are its community code; checked by the trigger below.
  CHECK ((kind = 'dedicated') = (dedicated_type IS NOT NULL))
);
COMMENT ON TABLE grid IS 'A grid (网格), comprehensive or dedicated, belonging to one community; 15-digit code = community code + 3-digit sequence. Rows are never overwritten: a change closes valid_to and inserts a new row.';
CREATE INDEX grid_geom_idx ON grid USING gist (geom);
CREATE INDEX grid_community_idx ON grid (community_id);
-- Codes are unique among the grids in force; history may repeat a code (the same grid over time).
CREATE UNIQUE INDEX grid_code_in_force_idx ON grid (code) WHERE valid_to IS NULL;

CREATE FUNCTION grid_code_matches_community() RETURNS trigger AS $$
BEGIN
  IF substr(NEW.code, 1, 12) <> (SELECT code FROM community WHERE id = NEW.community_id) THEN
    RAISE EXCEPTION 'grid code % does not start with its community code', NEW.code
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER grid_code_matches_community BEFORE INSERT OR UPDATE OF code, community_id ON grid
  FOR EACH ROW EXECUTE FUNCTION grid_code_matches_community();

-- A dedicated grid assigned to a street other than the land owner's points at its arrangement.
ALTER TABLE grid ADD COLUMN arrangement_id int REFERENCES jurisdiction_arrangement(id);

-- The territory hierarchy: city -> district -> street/town -> community/village.
-- Codes follow GB/T 2260 (6-digit county code) extended by 3 digits per level below it.
-- Geometry is WGS84/CGCS2000 lon/lat (SRID 4326); GCJ-02 is never stored.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE city (
  id        serial PRIMARY KEY,
  code      char(6) NOT NULL UNIQUE CHECK (code ~ '^[0-9]{6}$'),
  name      text NOT NULL CHECK (length(name) > 0),
  geom      geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
COMMENT ON TABLE city IS 'A city (市): the top of the territory hierarchy.';

CREATE TABLE district (
  id        serial PRIMARY KEY,
  city_id   int NOT NULL REFERENCES city(id),
  code      char(6) NOT NULL UNIQUE CHECK (code ~ '^[0-9]{6}$'),
  name      text NOT NULL CHECK (length(name) > 0),
  geom      geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
COMMENT ON TABLE district IS 'A district or county (区/县), coded by its GB/T 2260 county code. Districts tile their city.';
CREATE INDEX district_geom_idx ON district USING gist (geom);

CREATE TABLE street (
  id          serial PRIMARY KEY,
  district_id int NOT NULL REFERENCES district(id),
  code        char(9) NOT NULL UNIQUE CHECK (code ~ '^[0-9]{9}$'),
  name        text NOT NULL CHECK (length(name) > 0),
  kind        text NOT NULL DEFAULT 'street' CHECK (kind IN ('street', 'town')),
  geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
COMMENT ON TABLE street IS 'A street office or town (街道/镇); code = county code + 3 digits. Streets tile their district.';
CREATE INDEX street_geom_idx ON street USING gist (geom);
CREATE INDEX street_district_idx ON street (district_id);

CREATE TABLE community (
  id         serial PRIMARY KEY,
  street_id  int NOT NULL REFERENCES street(id),
  code       char(12) NOT NULL UNIQUE CHECK (code ~ '^[0-9]{12}$'),
  name       text NOT NULL CHECK (length(name) > 0),
  kind       text NOT NULL DEFAULT 'community' CHECK (kind IN ('community', 'village')),
  geom       geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
COMMENT ON TABLE community IS 'A community or village (社区/村); code = street code + 3 digits. Communities tile their street; every grid belongs to exactly one community.';
CREATE INDEX community_geom_idx ON community USING gist (geom);
CREATE INDEX community_street_idx ON community (street_id);

-- Areas whose responsibility does not follow the map: the enclave (飞地) and the pending land transfer.
-- They are recorded explicitly so that checks can flag them instead of silently failing or passing.
CREATE TABLE jurisdiction_arrangement (
  id                 serial PRIMARY KEY,
  kind               text NOT NULL CHECK (kind IN ('enclave', 'pending_transfer')),
  name               text NOT NULL,
  -- enclave: administered by home_street but lying inside host_district.
  home_street_id     int REFERENCES street(id),
  host_district_id   int REFERENCES district(id),
  -- pending transfer: assigned to to_street while the land still belongs to from_street.
  from_street_id     int REFERENCES street(id),
  to_street_id       int REFERENCES street(id),
  -- Which side handles what, e.g. {"public_security": "host", "household_registration": "home"}.
  responsibilities   jsonb NOT NULL DEFAULT '{}'::jsonb,
  status             text NOT NULL DEFAULT 'flagged' CHECK (status IN ('flagged', 'recorded', 'resolved')),
  notes              text NOT NULL DEFAULT '',
  geom               geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  CHECK (kind <> 'enclave' OR (home_street_id IS NOT NULL AND host_district_id IS NOT NULL)),
  CHECK (kind <> 'pending_transfer' OR (from_street_id IS NOT NULL AND to_street_id IS NOT NULL AND from_street_id <> to_street_id))
);
COMMENT ON TABLE jurisdiction_arrangement IS 'Recorded exceptions to the territory hierarchy (enclave, pending land transfer); "flagged" until the split of responsibilities or the transfer is recorded.';
CREATE INDEX jurisdiction_arrangement_geom_idx ON jurisdiction_arrangement USING gist (geom);

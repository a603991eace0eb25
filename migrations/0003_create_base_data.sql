-- Base data (一标三实): standard addresses are the anchor; households and residents per grid are
-- counted from them. Each address lies in exactly one grid, found spatially (never copied into a column
-- that could drift from the geometry).

CREATE TABLE standard_address (
  id             bigserial PRIMARY KEY,
  -- Doorplate code printed in the QR code: community code + 6-digit sequence.
  code           char(18) NOT NULL UNIQUE CHECK (code ~ '^[0-9]{18}$'),
  address        text NOT NULL CHECK (length(address) > 0),
  building_type  text NOT NULL CHECK (building_type IN ('high_rise', 'mid_rise', 'low_rise', 'villa', 'rural_house', 'mixed_use', 'dormitory')),
  households     int NOT NULL CHECK (households >= 0),
  residents      int NOT NULL CHECK (residents >= 0),
  community_id   int NOT NULL REFERENCES community(id),
  geom           geometry(Point, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom))
);
COMMENT ON TABLE standard_address IS 'A standard address (标准地址, one building or doorplate) with its household and resident counts; the anchor of 一标三实.';
CREATE INDEX standard_address_geom_idx ON standard_address USING gist (geom);
CREATE INDEX standard_address_community_idx ON standard_address (community_id);

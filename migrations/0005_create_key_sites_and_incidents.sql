-- Key sites (重点场所) and incidents (事件/部件 cases of the closed loop).

CREATE TABLE key_site (
  id          serial PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) > 0),
  category    text NOT NULL CHECK (category IN ('school', 'hospital', 'market', 'hazardous_chemicals', 'religious', 'elderly_home', 'construction')),
  risk_level  smallint NOT NULL CHECK (risk_level BETWEEN 1 AND 4),
  address     text NOT NULL DEFAULT '',
  geom        geometry(Geometry, 4326) NOT NULL
    CHECK (GeometryType(geom) IN ('POINT', 'POLYGON', 'MULTIPOLYGON') AND ST_IsValid(geom) AND NOT ST_IsEmpty(geom))
);
COMMENT ON TABLE key_site IS 'A key site under watch (school, hospital, market, hazardous chemicals…); risk 1 (low) to 4 (severe). Its responsible grid is the grid in force containing it.';
CREATE INDEX key_site_geom_idx ON key_site USING gist (geom);

CREATE TABLE incident (
  id            bigserial PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  -- 部件 (public facility) or 事件 (event), then the category within it.
  class         text NOT NULL CHECK (class IN ('component', 'event')),
  category      text NOT NULL,
  status        text NOT NULL CHECK (status IN ('reported', 'accepted', 'rejected', 'dispatched', 'handling', 'handled', 'verified', 'closed', 'evaluated')),
  source        text NOT NULL CHECK (source IN ('patrol', 'hotline', 'public_scan', 'video', 'assigned')),
  description   text NOT NULL DEFAULT '',
  geom          geometry(Point, 4326) NOT NULL,
  -- The grid responsible at report time, fixed by scanning the address QR or by location.
  grid_code     char(15),
  reported_at   timestamptz NOT NULL,
  accepted_at   timestamptz,
  dispatched_at timestamptz,
  -- The time limit starts at dispatch.
  due_at        timestamptz,
  handled_at    timestamptz,
  verified_at   timestamptz,
  closed_at     timestamptz,
  escalated     boolean NOT NULL DEFAULT false,
  CHECK (due_at IS NULL OR dispatched_at IS NOT NULL),
  CHECK (closed_at IS NULL OR closed_at >= reported_at)
);
COMMENT ON TABLE incident IS 'A case of the closed incident loop: reported -> accepted -> dispatched -> handled -> verified -> closed -> evaluated. Overdue = past due_at and not yet handled.';
CREATE INDEX incident_geom_idx ON incident USING gist (geom);
CREATE INDEX incident_status_idx ON incident (status);
CREATE INDEX incident_grid_idx ON incident (grid_code);
CREATE INDEX incident_reported_idx ON incident (reported_at);

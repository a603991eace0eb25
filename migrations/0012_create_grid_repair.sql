-- The one repair of an invalid grid geometry, used where a broken shape must still be worked with: a file
-- imported with "make valid" (then stored), and the topology engine's overlays (never stored), so that one
-- self-intersecting grid does not hide the gaps, overlaps and addresses of its whole community.
-- 'method=structure' keeps all the area the outer rings enclose (a part drawn inside another is absorbed,
-- a bow-tie becomes its two triangles), where the default 'linework' would cut holes; it needs GEOS >= 3.10
-- (server 3.11, embedded 3.14). Only the polygonal parts are kept. ST_MakeValid is safe on invalid input on
-- both engines (PGlite swallows GEOS errors of overlays, not of this).
CREATE FUNCTION grid_repair(g geometry) RETURNS geometry
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(g, 'method=structure'), 3)) $$;
COMMENT ON FUNCTION grid_repair(geometry) IS 'The polygonal part of ST_MakeValid(g, method=structure), as a MultiPolygon: the repaired form of an invalid grid.';

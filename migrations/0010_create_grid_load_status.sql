-- The one rule of a grid's load against the city's norm, used by the map's fill (tiles), the details
-- panel and the topology report alike. The norm's figures are arguments: the app reads its settings in
-- one place (server/settings.ts) and binds them.
--   'over'   more households than the maximum, or more residents than the maximum;
--   'under'  fewer households than the minimum (and not over on residents);
--   'within' otherwise.
CREATE FUNCTION grid_load_status(households int, residents int, households_min int, households_max int, residents_max int)
  RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE
      WHEN coalesce(households, 0) > households_max OR coalesce(residents, 0) > residents_max THEN 'over'
      WHEN coalesce(households, 0) < households_min THEN 'under'
      ELSE 'within'
    END
  $$;
COMMENT ON FUNCTION grid_load_status(int, int, int, int, int) IS 'A grid''s load against the norm: over (households or residents above the maximum), under (households below the minimum), within.';

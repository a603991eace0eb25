-- Households and residents per grid in force, counted from the standard addresses that fall in it.
-- A materialized view: counting 50k+ addresses against every grid is a spatial join that tiles and
-- panels must not repeat on each request. Refreshed by refreshGridLoad() after any change to grids
-- or addresses (seed, plan taking effect, base-data edits).
CREATE MATERIALIZED VIEW grid_load AS
SELECT g.id AS grid_id,
       g.code,
       count(a.id)::int                      AS addresses,
       coalesce(sum(a.households), 0)::int   AS households,
       coalesce(sum(a.residents), 0)::int    AS residents
FROM grid g
LEFT JOIN standard_address a ON a.geom && g.geom AND ST_Covers(g.geom, a.geom)
WHERE g.valid_to IS NULL
GROUP BY g.id, g.code;
COMMENT ON MATERIALIZED VIEW grid_load IS 'Households, residents and addresses per grid in force, from standard addresses.';
CREATE UNIQUE INDEX grid_load_grid_idx ON grid_load (grid_id);

import { GRID } from '../context';

/**
 * The grid of parent `parentExpr` with the longest edge shared with `piece` (a temp row): where the
 * give-to-neighbour fix sends the piece. Only grids of the piece's own parent qualify, so the fix never
 * moves land across a community border (a gap along the border often shares its longest edge with the
 * next community's grid; grids in force around the set have no parent and never qualify). None when no
 * such grid shares an edge: then no fix is suggested.
 */
export const LONGEST_SHARED_EDGE = (pieceExpr: string, parentExpr: string, exclude: string) => `
  LATERAL (
    SELECT e.target, e.shared FROM (
      SELECT n.key AS target, n.idx, ST_Length(ST_Intersection(ST_Boundary(${pieceExpr}), n.geom, ${GRID})::geography) AS shared
      FROM topo_cand n
      WHERE n.geom && ${pieceExpr} AND n.geom IS NOT NULL AND n.parent_id = ${parentExpr} AND ${exclude}) e
    WHERE e.shared > 0
    ORDER BY e.shared DESC, e.idx LIMIT 1
  ) nb`;

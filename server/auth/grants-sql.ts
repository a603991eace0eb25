/** SQL that reads a user's grants as JSON, shared by the session loader and the administrator's list. */
import { assignmentsInForce } from '../data/grids';

/**
 * A json array of the grants of user `userId` (an SQL expression): role, jurisdiction (level, id, code,
 * name), layers, and a grid worker's worker id with the grid codes it holds at `atParam`.
 */
export const grantsJsonSql = (userId: string, atParam: string) => `coalesce((
  SELECT json_agg(json_build_object(
           'role', g.role,
           'jurisdiction', json_build_object('level', g.level, 'id', coalesce(g.city_id, g.district_id, g.street_id),
                                             'code', coalesce(c.code, d.code, st.code), 'name', coalesce(c.name, d.name, st.name)),
           'workerId', g.worker_id,
           'layers', g.layers,
           'gridCodes', CASE WHEN g.worker_id IS NULL THEN '[]'::json ELSE (
             SELECT coalesce(json_agg(a.grid_code ORDER BY a.grid_code), '[]'::json)
               FROM ${assignmentsInForce(atParam)} a WHERE a.worker_id = g.worker_id) END
         ) ORDER BY g.id)
    FROM user_grant g
    LEFT JOIN city c ON c.id = g.city_id
    LEFT JOIN district d ON d.id = g.district_id
    LEFT JOIN street st ON st.id = g.street_id
   WHERE g.user_id = ${userId}), '[]'::json)`;

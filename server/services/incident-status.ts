/**
 * Incident statuses of the closed loop (上报 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价).
 * A case is open until it is closed, evaluated or rejected (不予立案).
 */
export const CLOSED_STATUSES = ['closed', 'evaluated', 'rejected'] as const;

/** SQL predicate: the incident aliased `alias` is still open. */
export const openIncidentSql = (alias: string) => `${alias}.status NOT IN ('closed', 'evaluated', 'rejected')`;

/**
 * SQL expression: the incident is past its time limit (which starts at dispatch) and the handler has not
 * reported it done. The same rule as the incidents tile layer (server/tiles/tile-layers.ts), so the map's
 * red rings and the panel's counts agree.
 */
export const overdueIncidentSql = (alias: string) =>
  `(${alias}.due_at IS NOT NULL AND ${alias}.due_at < now() AND ${alias}.status NOT IN ('handled', 'verified', 'closed', 'evaluated', 'rejected'))`;

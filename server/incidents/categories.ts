/**
 * The incident catalogue (事部件分类): categories with the department that handles each, the time limit
 * of each stage and the workload weight. It is data a city administrator edits, read by intake (the
 * department and the first deadline), the loop (each stage's deadline), dispatch (the load) and the
 * demo city's history.
 */
import { INCIDENT_STAGES, type IncidentStage, type StageLimits } from '@/geo/incidents/incident-states';
import { localized, type LocalizedText } from '@/geo/text/localized-text';
import type { Executor } from '../db';
import { IncidentError } from './errors';

export interface Category {
  code: string;
  class: 'component' | 'event';
  name: LocalizedText;
  department: { code: string; name: LocalizedText };
  /** Minutes per stage. */
  limits: StageLimits;
  workloadWeight: number;
  active: boolean;
  version: number;
}

const LIMIT_COLUMN: Readonly<Record<IncidentStage, string>> = {
  accept: 'accept_limit_minutes',
  dispatch: 'dispatch_limit_minutes',
  handle: 'handle_limit_minutes',
  verify: 'verify_limit_minutes',
  close: 'close_limit_minutes',
};

type CategoryDbRow = {
  code: string; class: 'component' | 'event'; name_zh: string; name_en: string; department_code: string; dept_zh: string; dept_en: string;
  workload_weight: number; active: boolean; version: number;
} & Record<string, unknown>;

const SELECT = `SELECT c.*, d.name_zh AS dept_zh, d.name_en AS dept_en
                  FROM incident_category c JOIN department d ON d.code = c.department_code`;

const toCategory = (r: CategoryDbRow): Category => ({
  code: r.code,
  class: r.class,
  name: localized(r.name_zh, r.name_en),
  department: { code: r.department_code, name: localized(r.dept_zh, r.dept_en) },
  limits: Object.fromEntries(INCIDENT_STAGES.map((s) => [s, Number(r[LIMIT_COLUMN[s]])])) as unknown as StageLimits,
  workloadWeight: Number(r.workload_weight),
  active: r.active,
  version: r.version,
});

/** The whole catalogue, retired categories included (old cases keep theirs), by class then code. */
export async function categoryCatalogue(db: Executor): Promise<Category[]> {
  return (await db.query<CategoryDbRow>(`${SELECT} ORDER BY c.class, c.code`)).map(toCategory);
}

/** One category; a report may name only an active one. */
export async function categoryByCode(db: Executor, code: string, opts: { activeOnly: boolean }): Promise<Category> {
  const [r] = await db.query<CategoryDbRow>(`${SELECT} WHERE c.code = $1`, [code]);
  if (!r || (opts.activeOnly && !r.active)) throw new IncidentError(opts.activeOnly ? 'CATEGORY_UNKNOWN' : 'CATEGORY_NOT_FOUND', code);
  return toCategory(r);
}

export async function listDepartments(db: Executor): Promise<{ code: string; name: LocalizedText }[]> {
  const rows = await db.query<{ code: string; name_zh: string; name_en: string }>('SELECT code, name_zh, name_en FROM department ORDER BY code');
  return rows.map((r) => ({ code: r.code, name: localized(r.name_zh, r.name_en) }));
}

export interface CategoryChange {
  code: string;
  expectedVersion: number;
  departmentCode?: string;
  limits?: Partial<Record<IncidentStage, number>>;
  workloadWeight?: number;
  active?: boolean;
}

/**
 * An administrator's change of a category, at the version they saw. Cases already under way keep the
 * deadline they were given; the next stage of any case takes the new limit.
 */
export async function updateCategory(db: Executor, by: { userId: number }, change: CategoryChange, at: Date): Promise<Category> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ version: number }>('SELECT version FROM incident_category WHERE code = $1 FOR UPDATE', [change.code]);
    if (!row) throw new IncidentError('CATEGORY_NOT_FOUND', change.code);
    if (row.version !== change.expectedVersion) throw new IncidentError('CATEGORY_STALE_VERSION');
    if (change.departmentCode !== undefined) {
      const [d] = await tx.query('SELECT 1 AS ok FROM department WHERE code = $1', [change.departmentCode]);
      if (!d) throw new IncidentError('DEPARTMENT_UNKNOWN', change.departmentCode);
    }
    const sets: string[] = [];
    const params: unknown[] = [change.code];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (change.departmentCode !== undefined) set('department_code', change.departmentCode);
    for (const stage of INCIDENT_STAGES) if (change.limits?.[stage] !== undefined) set(LIMIT_COLUMN[stage], change.limits[stage]);
    if (change.workloadWeight !== undefined) set('workload_weight', change.workloadWeight);
    if (change.active !== undefined) set('active', change.active);
    set('updated_at', at);
    set('updated_by_id', by.userId);
    await tx.execute(`UPDATE incident_category SET ${sets.join(', ')}, version = version + 1 WHERE code = $1`, params);
    return categoryByCode(tx, change.code, { activeOnly: false });
  });
}

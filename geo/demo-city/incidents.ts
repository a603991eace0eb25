/**
 * A year of incident history for the closed loop (DOMAIN.md): reported -> accepted -> dispatched ->
 * handled -> verified -> closed -> evaluated, with rejections, cases still open, overdue ones
 * (past due_at and not handled) and escalations. All times are relative to a fixed reference instant,
 * never to the clock, so the history is deterministic.
 */
import type { IncidentState } from '../incidents/incident-states';
import type { Rng } from '../random/prng';

export type IncidentSource = 'patrol' | 'hotline' | 'public_scan' | 'video' | 'assigned';

/**
 * How often the demo city reports each category of the catalogue (incident_category, in the database:
 * its class, department and time limits live there), and the details its descriptions draw from.
 */
interface CategoryMix {
  key: string;
  weight: number;
  details: readonly string[];
}

/** What the catalogue says of a category: its class (部件/事件) and handling time limit (派遣→处置完毕), hours. */
export type CatalogueOf = (category: string) => { cls: 'component' | 'event'; handleLimitHours: number };

export const DEMO_CATEGORY_MIX: readonly CategoryMix[] = [
  { key: 'manhole_cover', weight: 5, details: ['井盖缺失', '井盖破损', '井盖移位'] },
  { key: 'street_lamp', weight: 5, details: ['路灯不亮', '灯杆倾斜', '路灯白天常亮'] },
  { key: 'traffic_sign', weight: 3, details: ['标志牌损坏', '标线模糊'] },
  { key: 'fire_hydrant', weight: 2, details: ['消火栓漏水', '消火栓被遮挡'] },
  { key: 'public_toilet', weight: 2, details: ['公厕设施损坏', '公厕卫生差'] },
  { key: 'greenery', weight: 3, details: ['绿地破坏', '树木倒伏'] },
  { key: 'dispute', weight: 12, details: ['邻里纠纷', '物业纠纷', '劳资纠纷', '家庭纠纷'] },
  { key: 'safety_hazard', weight: 10, details: ['电动车楼道充电', '消防通道堵塞', '燃气泄漏隐患', '外墙脱落'] },
  { key: 'city_appearance', weight: 18, details: ['占道经营', '乱堆乱放', '暴露垃圾', '乱贴小广告'] },
  { key: 'illegal_construction', weight: 5, details: ['违章搭建', '私自改建'] },
  { key: 'environment', weight: 6, details: ['噪声扰民', '油烟扰民', '污水直排'] },
  { key: 'livelihood', weight: 14, details: ['老人求助', '供水停水', '小区停车难', '电梯故障'] },
  { key: 'traffic', weight: 6, details: ['车辆违停', '道路破损', '非机动车乱停'] },
  { key: 'public_order', weight: 4, details: ['可疑人员', '群租房', '夜间聚集'] },
];

const SOURCES: readonly [IncidentSource, number][] = [
  ['patrol', 45],
  ['hotline', 25],
  ['public_scan', 12],
  ['video', 10],
  ['assigned', 8],
];

export interface IncidentTimes {
  reportedAt: Date;
  acceptedAt: Date | null;
  dispatchedAt: Date | null;
  dueAt: Date | null;
  handledAt: Date | null;
  verifiedAt: Date | null;
  closedAt: Date | null;
}

export interface IncidentDraft extends IncidentTimes {
  cls: 'component' | 'event';
  category: string;
  status: IncidentState;
  source: IncidentSource;
  description: string;
  escalated: boolean;
}

const HOUR = 3_600_000;

/** One incident reported `ageHours` before the reference instant, with a consistent timeline. */
export function draftIncident(rng: Rng, reference: Date, ageHours: number, place: string, catalogue: CatalogueOf): IncidentDraft {
  const cat = DEMO_CATEGORY_MIX[rng.weightedIndex(DEMO_CATEGORY_MIX.map((c) => c.weight))]!;
  const { cls, handleLimitHours: limitHours } = catalogue(cat.key);
  const source = SOURCES[rng.weightedIndex(SOURCES.map(([, w]) => w))]![0];
  const ref = reference.getTime();
  const at = (h: number) => new Date(ref - ageHours * HOUR + h * HOUR);
  const t: IncidentTimes = { reportedAt: at(0), acceptedAt: null, dispatchedAt: null, dueAt: null, handledAt: null, verifiedAt: null, closedAt: null };
  // Each step is reached if its offset lies before the reference instant.
  const reached = (h: number) => h < ageHours;
  let status: IncidentState = 'reported';
  let escalated = false;
  const accept = rng.float(0.1, 4);
  if (reached(accept)) {
    if (rng.chance(0.05)) {
      return finish(cat, cls, source, place, { ...t, acceptedAt: at(accept), closedAt: at(accept) }, 'rejected', false, rng);
    }
    t.acceptedAt = at(accept);
    status = 'accepted';
    const dispatch = accept + rng.float(0.1, 3);
    if (reached(dispatch)) {
      t.dispatchedAt = at(dispatch);
      t.dueAt = at(dispatch + limitHours);
      status = 'dispatched';
      // Most cases are handled within the limit; some run late, a few stall and are still open.
      const stalled = rng.chance(0.012);
      const late = rng.chance(0.1);
      const handle = dispatch + (late ? limitHours * rng.float(1.1, 3) : limitHours * rng.float(0.1, 0.95));
      if (stalled || !reached(handle)) {
        if (reached(dispatch + 0.5)) status = 'handling';
        const overdue = t.dueAt.getTime() < ref;
        escalated = overdue && rng.chance(0.7);
      } else {
        t.handledAt = at(handle);
        status = 'handled';
        escalated = late && rng.chance(0.6);
        const verify = handle + rng.float(0.5, 24);
        if (reached(verify)) {
          t.verifiedAt = at(verify);
          status = 'verified';
          const close = verify + rng.float(0.5, 48);
          if (reached(close)) {
            t.closedAt = at(close);
            status = rng.chance(0.45) && reached(close + 72) ? 'evaluated' : 'closed';
          }
        }
      }
    }
  }
  return finish(cat, cls, source, place, t, status, escalated, rng);
}

function finish(cat: CategoryMix, cls: 'component' | 'event', source: IncidentSource, place: string, t: IncidentTimes, status: IncidentState, escalated: boolean, rng: Rng): IncidentDraft {
  return { ...t, cls, category: cat.key, status, source, escalated, description: `${place}${rng.pick(cat.details)}` };
}

/** How long before the reference instant an incident was reported: the year, plus a live last few days. */
export function incidentAgeHours(rng: Rng): number {
  return rng.chance(0.12) ? rng.float(0, 72) : rng.float(0, 365 * 24);
}

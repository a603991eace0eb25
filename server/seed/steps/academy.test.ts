/**
 * The demo city's academy (step 12c) on two central districts at a small scale: the syllabus, a year of
 * sessions, and records that make the district figures neither empty nor complete; some trainees have
 * every required course passed (the staffing journey's candidates), some not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeOf } from '../../auth/policy';
import { districtAcademyFigures } from '../../academy/figures';
import { unmetTrainingRequirements } from '../../academy/training-rule';
import { openTestDatabase, type TestDatabase } from '../../testing/test-db';
import { actorWith } from '../../testing/users';
import { seedDemoCity } from '../demo-city';
import { DEMO_REFERENCE_TIME } from './state';

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase();
  await seedDemoCity(t.db, { scale: 0.03, seed: 7, districtCodes: ['320102', '320104'] });
}, 300_000);
afterAll(async () => {
  await t?.dispose();
});

describe('the demo academy', () => {
  it('has the syllabus, sessions in each district, and append-only history', async () => {
    const courses = await t.db.query<{ code: string; required: boolean }>('SELECT code, required FROM course ORDER BY code');
    expect(courses.filter((c) => c.required).map((c) => c.code)).toEqual(['GW-101', 'GW-102', 'GW-103', 'GW-104', 'GW-105']);
    const perDistrict = await t.db.query<{ area_code: string | null; n: number }>('SELECT area_code, count(*)::int AS n FROM course_session GROUP BY area_code ORDER BY area_code NULLS LAST');
    expect(perDistrict).toEqual([
      { area_code: '320102', n: 28 },
      { area_code: '320104', n: 28 },
      { area_code: null, n: 7 },
    ]);
    // Nothing after the reference time, and every result judged by its own pass mark.
    const [late] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exam_result WHERE at > $1', [DEMO_REFERENCE_TIME]);
    expect(late!.n).toBe(0);
  });

  it('gives district figures that are neither empty nor complete', async () => {
    const figures = await districtAcademyFigures(t.db, scopeOf(actorWith([{ role: 'administrator', level: 'city', code: '320100' }]), 'academy')!, DEMO_REFERENCE_TIME);
    expect(figures.map((f) => f.district.code)).toEqual(['320102', '320104']);
    for (const f of figures) {
      expect(f.trainedShare!).toBeGreaterThan(0.2);
      expect(f.trainedShare!).toBeLessThan(0.9);
      expect(f.passRate!).toBeGreaterThan(0.6);
      expect(f.passRate!).toBeLessThan(1);
      expect(f.trainingHours).toBeGreaterThan(0);
    }
  });

  it('leaves some trainees ready for duty and some not', async () => {
    const trainees = await t.db.query<{ worker_id: number }>(`SELECT worker_id FROM worker_stages_at($1) WHERE stage = 'in_training' ORDER BY worker_id`, [DEMO_REFERENCE_TIME]);
    const unmet = await Promise.all(trainees.map((w) => unmetTrainingRequirements(t.db, w.worker_id, DEMO_REFERENCE_TIME)));
    expect(unmet.some((u) => u.length === 0)).toBe(true);
    expect(unmet.some((u) => u.length > 0)).toBe(true);
  });
});

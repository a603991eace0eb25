/** The draft's topology report, on the fixture street of small-street.ts (exact squares). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { getDraft, openDraft } from './store';
import { undo } from './edit';
import { createGrid } from './operations/create-grid';
import { deleteGrid } from './operations/delete-grid';
import { validateDraft } from './validate-draft';
import { seedSmallStreet } from './__fixtures__/small-street';

let t: TestDatabase;
let draftId: number;

beforeAll(async () => {
  t = await openTestDatabase();
  const street = await seedSmallStreet(t.db);
  draftId = (await openDraft(t.db, street.streetId)).draftId;
});
afterAll(async () => t?.dispose());

const ref = async () => ({ draftId, expectedVersion: (await getDraft(t.db, draftId)).version });
const keyOf = async (code: string) => (await getDraft(t.db, draftId)).grids.features.find((f) => f.properties.code === code)!.properties.key;
const blockingCodes = async () =>
  (await validateDraft(t.db, draftId)).findings.filter((f) => f.severity === 'blocking').map((f) => f.code).sort();

describe('validateDraft', () => {
  it('finds nothing blocking in a draft copied from a clean street', async () => {
    const report = await validateDraft(t.db, draftId);
    expect(report.grids).toBe(6);
    expect(report.ok).toBe(true);
  });

  it('reports a deleted grid as a gap of its community, and an overlapping new grid as an overlap', async () => {
    await deleteGrid(t.db, await ref(), { key: await keyOf('320102001001001') });
    const gap = (await validateDraft(t.db, draftId)).findings.find((f) => f.code === 'COVERAGE_GAP');
    expect(gap).toMatchObject({ severity: 'blocking', communityCode: '320102001001' });
    // The NW quadrant is 0.01° x 0.01° at 32°N: about 1.1 km x 0.94 km.
    expect(gap!.areaM2).toBeGreaterThan(1.0e6);
    expect(gap!.areaM2).toBeLessThan(1.1e6);

    // Redraw it 0.002° too far east: it overlaps the NE quadrant and leaves a strip uncovered.
    const square = { type: 'Polygon', coordinates: [[[118.002, 32.01], [118.012, 32.01], [118.012, 32.02], [118.002, 32.02], [118.002, 32.01]]] };
    const { result } = await createGrid(t.db, await ref(), { geometry: square });
    const report = await validateDraft(t.db, draftId);
    const overlap = report.findings.find((f) => f.code === 'GRID_OVERLAP');
    expect(overlap?.gridKeys.sort()).toEqual([result.key, await keyOf('320102001001002')].sort());
    expect(overlap?.geometry?.type).toMatch(/Polygon/);
    expect(report.ok).toBe(false);
  });

  it('is clean again once the edits are undone', async () => {
    await undo(t.db, await ref());
    await undo(t.db, await ref());
    expect(await blockingCodes()).toEqual([]);
  });
});

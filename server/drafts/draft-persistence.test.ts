/**
 * A draft lives in the database: it survives closing and reopening it (a restart). Embedded: a temp data
 * dir; server: a throwaway database opened twice.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/engine';
import { migrate } from '../db/migrate';
import { getDraft, openDraft } from './store';
import { undo } from './edit';
import { createGrid } from './operations/create-grid';
import { createTestUser } from '../testing/users';
import { seedSmallStreet } from './__fixtures__/small-street';

it('a draft, its grids and its undo history survive closing and reopening the database', async () => {
  const url = process.env.DATABASE_URL?.trim();
  let open: () => Promise<Db>;
  let cleanup: () => Promise<void>;
  if (url) {
    const name = `gridatlas_test_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ databaseUrl: url, dataDir: '' });
    await admin.script(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    open = () => openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    cleanup = async () => {
      await admin.script(`DROP DATABASE IF EXISTS ${name}`);
      await admin.close();
    };
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'gridatlas-drafts-'));
    open = () => openDatabase({ databaseUrl: null, dataDir: dir });
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
  try {
    let db = await open();
    await migrate(db);
    const street = await seedSmallStreet(db);
    const author = { id: await createTestUser(db, 'lisi'), username: 'lisi' };
    const d = await openDraft(db, street.streetId, author);
    expect(d.author).toBe('lisi');
    const created = await createGrid(db, { draftId: d.draftId, expectedVersion: d.version }, {
      geometry: { type: 'Polygon', coordinates: [[[118.021, 32.001], [118.022, 32.001], [118.022, 32.002], [118.021, 32.002], [118.021, 32.001]]] },
    });
    const before = await getDraft(db, d.draftId);
    await db.close();

    db = await open();
    const reopened = await openDraft(db, street.streetId);
    expect(reopened.draftId).toBe(d.draftId);
    expect(reopened.version).toBe(created.version);
    expect(reopened.grids).toEqual(before.grids);
    expect(reopened.canUndo).toBe(true);
    await undo(db, { draftId: d.draftId, expectedVersion: reopened.version });
    expect((await getDraft(db, d.draftId)).grids.features).toHaveLength(6);
    await db.close();
  } finally {
    await cleanup();
  }
});

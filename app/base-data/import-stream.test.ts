import { describe, expect, it } from 'vitest';
import type { AddressImportReport } from '@/server/base-data/address-import';
import type { ImportEvent } from '@/server/base-data/import-route';
import { parseLine, plainAnswer, splitLines, type StreamLine } from './import-stream';

const REPORT: AddressImportReport = Object.freeze({
  ok: false,
  written: false,
  importId: null,
  mode: 'check',
  fileName: '红山.csv',
  format: 'csv',
  encoding: 'utf-8',
  crs: 'wgs84',
  rowsRead: 3,
  created: 2,
  updated: 0,
  unchanged: 0,
  linked: 2,
  unlinked: 0,
  rejected: 1,
  rejectedByReason: { BUILDING_TYPE_INVALID: 1 },
  rejections: [{ row: 4, reason: 'BUILDING_TYPE_INVALID', message: { 'zh-CN': '建筑类型无法识别', en: 'The building type is not one of the known types' }, value: '平房' }],
  unlinkedRows: [],
  ignoredColumns: ['备注'],
  tookMs: 120,
}) as AddressImportReport;

/** The route's lines as it writes them (app/api/addresses/import/route.ts): typed, so a change of shape fails here. */
const EVENTS: ImportEvent[] = [
  { progress: { phase: 'reading', bytes: 2 * 1024 * 1024, total: 5_000_000 } },
  { progress: { phase: 'placing', done: 20_000, total: 40_000 } },
  { progress: { phase: 'linking', done: 0, total: 40_000 } },
  { progress: { phase: 'writing', done: 0, total: 39_000 } },
  { report: REPORT, status: 422 },
];
const wire = (events: ImportEvent[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');

/** Reads a stream delivered in pieces of `size` characters, as XMLHttpRequest's responseText grows. */
function readInPieces(text: string, size: number): StreamLine[] {
  const out: StreamLine[] = [];
  let rest = '';
  for (let i = 0; i < text.length; i += size) {
    const split = splitLines(rest, text.slice(i, i + size));
    rest = split.rest;
    for (const l of split.lines) {
      const p = parseLine(l);
      if (p) out.push(p);
    }
  }
  expect(rest).toBe('');
  return out;
}

describe('the import stream', () => {
  it('splits arrived text into whole lines, keeping a cut line for the next piece', () => {
    expect(splitLines('', '{"a":1}\n{"b"')).toEqual({ lines: ['{"a":1}'], rest: '{"b"' });
    expect(splitLines('{"b"', ':2}\n')).toEqual({ lines: ['{"b":2}'], rest: '' });
    expect(splitLines('', 'no newline yet')).toEqual({ lines: [], rest: 'no newline yet' });
    expect(splitLines('', '\n\r\n  \n{"c":3}\r\n')).toEqual({ lines: ['{"c":3}'], rest: '' });
    expect(splitLines('', '')).toEqual({ lines: [], rest: '' });
  });

  it.each([1, 7, 64, 100_000])('reads the same events whatever the pieces the text arrives in (%i characters)', (size) => {
    const lines = readInPieces(wire(EVENTS), size);
    expect(lines).toEqual([
      { progress: { phase: 'reading', bytes: 2 * 1024 * 1024, total: 5_000_000 } },
      { progress: { phase: 'placing', done: 20_000, total: 40_000 } },
      { progress: { phase: 'linking', done: 0, total: 40_000 } },
      { progress: { phase: 'writing', done: 0, total: 39_000 } },
      { outcome: { kind: 'report', report: REPORT, status: 422 } },
    ]);
  });

  it('reads a refusal line, the text in both languages', () => {
    const line: ImportEvent = { error: { code: 'IMPORT_COLUMNS_MISSING', message: { 'zh-CN': '缺少必需的列：户数', en: 'Required columns are missing: households' } }, status: 400 };
    expect(parseLine(JSON.stringify(line))).toEqual({
      outcome: { kind: 'refused', code: 'IMPORT_COLUMNS_MISSING', text: { 'zh-CN': '缺少必需的列：户数', en: 'Required columns are missing: households' }, status: 400 },
    });
  });

  it('reads a reading line whose size the browser did not declare', () => {
    expect(parseLine('{"progress":{"phase":"reading","bytes":10,"total":null}}')).toEqual({ progress: { phase: 'reading', bytes: 10, total: null } });
  });

  it.each([
    ['not JSON', '<html>502 Bad Gateway</html>'],
    ['a cut line', '{"progress":{"phase":"placing","done":1'],
    ['an unknown phase', '{"progress":{"phase":"dreaming","done":1,"total":2}}'],
    ['a negative count', '{"progress":{"phase":"placing","done":-1,"total":2}}'],
    ['a report without its counts', '{"report":{"ok":true},"status":200}'],
    ['an error without both languages', '{"error":{"code":"X","message":{"en":"only English"}},"status":400}'],
    ['an array', '[1,2]'],
    ['null', 'null'],
  ])('skips %s', (_, line) => {
    expect(parseLine(line)).toBeNull();
  });

  it('reads a refusal at the door, before any stream (signed out, no capability)', () => {
    const body = JSON.stringify({ error: { code: 'ACCESS_DENIED', message: { 'zh-CN': '没有权限', en: 'Not allowed' } } });
    expect(plainAnswer(403, body)).toEqual({ kind: 'refused', code: 'ACCESS_DENIED', text: { 'zh-CN': '没有权限', en: 'Not allowed' }, status: 403 });
  });

  it('calls anything else unreadable, a bare 413 too large and no answer at all a broken connection', () => {
    expect(plainAnswer(502, '<html>Bad Gateway</html>')).toEqual({ kind: 'failed', reason: 'unreadable', status: 502 });
    expect(plainAnswer(413, '<html>Request Entity Too Large</html>')).toEqual({ kind: 'failed', reason: 'too_large', status: 413 });
    expect(plainAnswer(0, '')).toEqual({ kind: 'failed', reason: 'network', status: 0 });
    expect(plainAnswer(200, '{"ok":true}')).toEqual({ kind: 'failed', reason: 'unreadable', status: 200 });
  });
});

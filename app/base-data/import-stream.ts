/**
 * The answer of POST /api/addresses/import read as it arrives. With `Accept: application/x-ndjson` the
 * route answers one JSON object per line (server/base-data/import-route.ts, ImportEvent): `{ progress }`
 * while it reads and places the file, then `{ report, status }` or `{ error, status }`. A refusal at the
 * door (signed out, no capability, a cross-site post) comes before the stream starts, as one plain JSON
 * `{ error }` with its HTTP status. The shapes are checked here, so a proxy's HTML page or a cut line
 * becomes "unreadable", never a crash.
 */
import type { LocalizedText } from '@/geo/text/localized-text';
import type { AddressImportReport } from '@/server/base-data/address-import';
import type { ImportEvent } from '@/server/base-data/import-route';

/** What the page does with the answer in the end. */
export type ImportOutcome =
  | { kind: 'report'; report: AddressImportReport; status: number }
  /** The server refused the file or the request: its code and its text in both languages. */
  | { kind: 'refused'; code: string; text: LocalizedText; status: number }
  /** No answer the page can read: the connection broke, a proxy refused a large body, or a cut-off stream. */
  | { kind: 'failed'; reason: 'network' | 'too_large' | 'unreadable'; status: number };

export type ProgressEvent = Extract<ImportEvent, { progress: unknown }>['progress'];

/**
 * Splits newly arrived text into whole lines; the unfinished last line is returned as `rest`, to be put
 * in front of the next piece. Blank lines are dropped.
 */
export function splitLines(rest: string, arrived: string): { lines: string[]; rest: string } {
  const text = rest + arrived;
  const end = text.lastIndexOf('\n');
  if (end < 0) return { lines: [], rest: text };
  const lines = text
    .slice(0, end)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return { lines, rest: text.slice(end + 1) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isText = (v: unknown): v is LocalizedText => isObject(v) && typeof v['zh-CN'] === 'string' && typeof v.en === 'string';

function progressOf(p: unknown): ProgressEvent | null {
  if (!isObject(p)) return null;
  if (p.phase === 'reading') return isCount(p.bytes) && (p.total === null || isCount(p.total)) ? { phase: 'reading', bytes: p.bytes, total: p.total } : null;
  if (p.phase === 'placing' || p.phase === 'linking' || p.phase === 'writing') {
    return isCount(p.done) && isCount(p.total) ? { phase: p.phase, done: p.done, total: p.total } : null;
  }
  return null;
}

/** The report's parts the page reads, present with the right types (the rest is shown as it comes). */
function isReport(r: unknown): r is AddressImportReport {
  if (!isObject(r)) return false;
  const counts = ['rowsRead', 'created', 'updated', 'unchanged', 'linked', 'unlinked', 'rejected', 'tookMs'] as const;
  return (
    typeof r.ok === 'boolean' &&
    typeof r.written === 'boolean' &&
    counts.every((k) => isCount(r[k])) &&
    Array.isArray(r.rejections) &&
    Array.isArray(r.unlinkedRows) &&
    Array.isArray(r.ignoredColumns) &&
    isObject(r.rejectedByReason)
  );
}

/** The refusal `{ error: { code, message } }` of a line or of a plain JSON answer, if that is what it is. */
function refusalOf(v: Record<string, unknown>, status: number): ImportOutcome | null {
  const error = v.error;
  if (!isObject(error) || typeof error.code !== 'string' || !isText(error.message)) return null;
  return { kind: 'refused', code: error.code, text: { 'zh-CN': error.message['zh-CN'], en: error.message.en }, status };
}

export type StreamLine = { progress: ProgressEvent } | { outcome: ImportOutcome };

/** One line of the stream as the page uses it; null for a line it cannot read (it is skipped). */
export function parseLine(line: string): StreamLine | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObject(v)) return null;
  if ('progress' in v) {
    const progress = progressOf(v.progress);
    return progress ? { progress } : null;
  }
  const status = isCount(v.status) ? v.status : 0;
  if ('report' in v) return isReport(v.report) ? { outcome: { kind: 'report', report: v.report, status } } : null;
  const refused = refusalOf(v, status);
  return refused ? { outcome: refused } : null;
}

/** The outcome of an answer that was not a stream: a refusal at the door (JSON), or something else. */
export function plainAnswer(status: number, body: string): ImportOutcome {
  try {
    const v: unknown = JSON.parse(body);
    if (isObject(v)) {
      const refused = refusalOf(v, status);
      if (refused) return refused;
    }
  } catch {
    // Not JSON: a proxy's page, an empty body.
  }
  if (status === 413) return { kind: 'failed', reason: 'too_large', status };
  return { kind: 'failed', reason: status === 0 ? 'network' : 'unreadable', status };
}

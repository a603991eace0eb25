import { NextResponse } from 'next/server';
import { getDatabase } from '@/server/db';
import { API_MAX_BYTES, tooLarge, validateRequestBody } from '@/server/topology/service';

export const dynamic = 'force-dynamic';

const badJson = {
  code: 'INPUT_NOT_JSON',
  message: { 'zh-CN': '请求体不是有效的 JSON', en: 'the request body is not valid JSON' },
};

/**
 * POST a GeoJSON FeatureCollection of grids (or { grids, parent?, neighbours?: 'in-force' }) and get the
 * topology report as JSON: for other systems. 413 above the size limit, 400 with zh-CN/English errors on
 * bad input, 200 with the report otherwise (its `ok` says whether anything blocking was found).
 * Nothing is stored.
 */
export async function POST(request: Request) {
  const declared = Number(request.headers.get('content-length') ?? '0');
  const early = tooLarge(Number.isFinite(declared) ? declared : 0);
  if (early) return NextResponse.json({ errors: early.status !== 200 ? early.errors : [] }, { status: 413 });
  // The declared length can lie (or be absent with chunked bodies): read at most the limit + 1 bytes.
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > API_MAX_BYTES) {
        await reader.cancel();
        const late = tooLarge(size)!;
        return NextResponse.json({ errors: late.status !== 200 ? late.errors : [] }, { status: 413 });
      }
      chunks.push(value);
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    return NextResponse.json({ errors: [badJson] }, { status: 400 });
  }
  try {
    const { db } = await getDatabase();
    const outcome = await validateRequestBody(db, body);
    if (outcome.status === 200) return NextResponse.json({ ...outcome.report, inputWarnings: outcome.warnings });
    return NextResponse.json({ errors: outcome.errors }, { status: outcome.status });
  } catch (err) {
    console.error('[topology/validate]', err);
    return NextResponse.json(
      { errors: [{ code: 'INTERNAL', message: { 'zh-CN': '检查失败，请稍后重试', en: 'the check failed; try again later' } }] },
      { status: 500 },
    );
  }
}

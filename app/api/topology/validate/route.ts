import { NextResponse } from 'next/server';
import { toDomainError } from '@/server/errors/database-errors';
import { HTTP_STATUS } from '@/server/errors/domain-error';
import { INTERNAL_ERROR_TEXT, RequestError } from '@/server/errors/request-errors';
import { readBodyWithin } from '@/server/http/body';
import { admit } from '@/server/http/route-guard';
import { API_MAX_BYTES, refusal, tooLarge, validateRequestBody } from '@/server/topology/service';

export const dynamic = 'force-dynamic';

/**
 * POST a GeoJSON FeatureCollection of grids (or { grids, parent?, neighbours?: 'in-force' }) and get the
 * topology report as JSON: for other systems. 413 above the size limit, 400 with zh-CN/English errors on
 * bad input, 200 with the report otherwise (its `ok` says whether anything blocking was found).
 * Nothing is stored. Needs a session whose roles may check topology (server/auth/policy.ts).
 */
export async function POST(request: Request) {
  const admission = await admit(request, 'POST /api/topology/validate');
  if (!admission.ok) return NextResponse.json({ errors: [refusal(admission.error)] }, { status: admission.status });
  const body = await readBodyWithin(request, API_MAX_BYTES);
  if (!body.ok) {
    return NextResponse.json({ errors: tooLarge(body.bytes)?.errors ?? [] }, { status: 413 });
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes));
  } catch {
    return NextResponse.json({ errors: [refusal(new RequestError('REQUEST_NOT_JSON'))] }, { status: 400 });
  }
  try {
    const outcome = await validateRequestBody(admission.db, json);
    if (outcome.status === 200) return NextResponse.json({ ...outcome.report, inputWarnings: outcome.warnings });
    return NextResponse.json({ errors: outcome.errors }, { status: outcome.status });
  } catch (err) {
    const known = toDomainError(err);
    if (known) return NextResponse.json({ errors: [refusal(known)] }, { status: HTTP_STATUS[known.kind] });
    console.error('[topology/validate]', err);
    return NextResponse.json({ errors: [{ code: 'INTERNAL', message: INTERNAL_ERROR_TEXT }] }, { status: 500 });
  }
}

import { NextResponse } from 'next/server';
import { healthAnswer } from '@/server/http/health';

export const dynamic = 'force-dynamic';

/** Liveness and engine facts (server/http/health.ts); `npm start` answers it before Next.js does. */
export async function GET() {
  const { status, body } = await healthAnswer();
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

import { runImport, type ImportEvent } from '@/server/base-data/import-route';
import { INTERNAL_ERROR_TEXT } from '@/server/errors/request-errors';
import { admit, errorResponse } from '@/server/http/route-guard';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** POST a file of standard addresses (server/base-data/import-route.ts says what it takes and answers). */
export async function POST(request: Request) {
  const admission = await admit(request, 'POST /api/addresses/import');
  if (!admission.ok) {
    await request.body?.cancel().catch(() => undefined);
    return errorResponse(admission.error);
  }
  if ((request.headers.get('accept') ?? '').includes('application/x-ndjson')) {
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const emit = (e: ImportEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(e)}\n`));
        try {
          await runImport(request, admission, emit);
        } catch (e) {
          console.error('[addresses/import]', e);
          emit({ error: { code: 'INTERNAL', message: INTERNAL_ERROR_TEXT }, status: 500 });
        }
        controller.close();
      },
    });
    return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', ...NO_STORE } });
  }
  let outcome: ImportEvent | null = null;
  await runImport(request, admission, (e) => {
    if (!('progress' in e)) outcome = e;
  });
  const last = outcome as ImportEvent | null;
  if (last && 'report' in last) return Response.json(last.report, { status: last.status, headers: NO_STORE });
  if (last && 'error' in last) return Response.json({ error: last.error }, { status: last.status, headers: NO_STORE });
  throw new Error('an import ended without an outcome');
}

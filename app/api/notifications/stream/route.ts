import { sessionTokenOf } from '@/server/auth/http';
import { resolveSession } from '@/server/auth/sessions';
import { now } from '@/server/clock';
import { admit, errorResponse } from '@/server/http/route-guard';
import { listNotifications, notificationEvents } from '@/server/plans/notifications';

export const dynamic = 'force-dynamic';

/** A stream that finds nothing new still says so this often, so proxies keep it open and a dead one is noticed. */
const HEARTBEAT_MS = 20_000;
/**
 * Writers in another process (a second app instance) wake nobody here: the stream also looks this often,
 * and checks the session is still on (a sign-out, an expiry or a disabled user ends the stream).
 */
const POLL_MS = 10_000;

/**
 * GET /api/notifications/stream: the signed-in user's inbox as server-sent events. Each entry is one
 * `notification` event whose id is the entry's id; a reconnecting browser sends Last-Event-ID (or
 * ?after=) and receives exactly what it missed, then new entries as the moves that cause them commit.
 */
export async function GET(request: Request) {
  const admission = await admit(request, 'GET /api/notifications/stream');
  if (!admission.ok) return errorResponse(admission.error);
  const { db, actor } = admission;
  const fromHeader = Number(request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after') ?? 0);
  let after = Number.isSafeInteger(fromHeader) && fromHeader > 0 ? fromHeader : 0;
  const encoder = new TextEncoder();
  const events = notificationEvents();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let busy = false;
      let again = false;
      let closed = false;
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const look = async () => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          do {
            again = false;
            const { items, unread } = await listNotifications(db, actor.userId, after, 100);
            for (const item of items.reverse()) {
              send(`id: ${item.id}\nevent: notification\ndata: ${JSON.stringify({ ...item, unread })}\n\n`);
              after = Math.max(after, item.id);
            }
          } while (again && !closed);
        } catch {
          // A failed look (the database restarting) is retried by the next wake-up or poll.
        } finally {
          busy = false;
        }
      };
      const onChange = () => void look();
      const token = sessionTokenOf(request.headers);
      const stillSignedIn = async () => {
        const session = await resolveSession(db, token, now()).catch(() => null);
        if (session && session.state !== 'active') cleanup();
        else void look();
      };
      events.on('changed', onChange);
      const poll = setInterval(() => void stillSignedIn(), POLL_MS);
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        events.off('changed', onChange);
        clearInterval(poll);
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener('abort', cleanup);
      send('retry: 3000\n\n');
      void look();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
  });
}

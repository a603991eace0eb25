/**
 * The live feed's connection as the operator reads it: connecting (first time), connected, or
 * reconnecting (the stream dropped; the link or this page reconnects from the last event seen, so
 * nothing is lost or repeated). Pure: the feed hook feeds it what the tRPC link reports.
 */
export type Connection = 'connecting' | 'connected' | 'reconnecting';

export type LinkSignal =
  /** The link's own state: connecting, or pending (the stream is open). */
  | { kind: 'state'; state: 'idle' | 'connecting' | 'pending' }
  | { kind: 'started' }
  | { kind: 'data' }
  /** The subscription ended (an error, or the server closed it): the page subscribes again. */
  | { kind: 'ended' };

export function nextConnection(prev: Connection, s: LinkSignal): Connection {
  switch (s.kind) {
    case 'started':
    case 'data':
      return 'connected';
    case 'ended':
      return 'reconnecting';
    case 'state':
      if (s.state === 'pending') return 'connected';
      if (s.state === 'connecting') return prev === 'connecting' ? 'connecting' : 'reconnecting';
      return prev;
  }
}

/** How long to wait before subscribing again after the n-th consecutive failure (1 s, 2 s, 4 s … 30 s). */
export const retryDelayMs = (failures: number): number => Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));

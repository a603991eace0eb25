/**
 * A route handler served over real HTTP on loopback, for the clients that cannot be handed a Request
 * (GDAL's drivers, in their own process): each request becomes a Fetch Request, the handler's Response
 * is written back. For tests only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedRoute {
  /** http://127.0.0.1:port */
  origin: string;
  /** The path and query of every request so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function serveRoute(handler: (request: Request) => Promise<Response>): Promise<ServedRoute> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const method = req.method ?? 'GET';
      const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
      handler(new Request(`http://${req.headers.host}${req.url}`, { method, headers, body }))
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
        })
        .catch((err: unknown) => {
          res.writeHead(500);
          res.end(String(err));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

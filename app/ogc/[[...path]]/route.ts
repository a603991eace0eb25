import { handleOgc } from '@/server/ogc/handler';

export const dynamic = 'force-dynamic';

interface Context {
  params: Promise<{ path?: string[] }>;
}

/**
 * OGC API – Features (server/ogc): /ogc, /ogc/conformance, /ogc/api, /ogc/collections,
 * /ogc/collections/{collectionId}, …/items and …/items/{featureId}. Public routes (ROUTE_POLICY): no
 * session is read, and only public fields are served.
 */
export async function GET(request: Request, { params }: Context) {
  return handleOgc(request, (await params).path ?? []);
}

/** Anything but a read is refused (405, with Allow). */
export async function POST(request: Request, { params }: Context) {
  return handleOgc(request, (await params).path ?? []);
}

import { handleOpen311 } from '@/server/open311/handler';

export const dynamic = 'force-dynamic';

interface Context {
  params: Promise<{ path: string[] }>;
}

/**
 * Open311 GeoReport v2 for the hotline and partner systems (server/open311): GET services.{json,xml},
 * services/{service_code}.{json,xml}, requests.{json,xml} and requests/{service_request_id}.{json,xml};
 * POST requests.{json,xml} with a partner's api_key. Public routes (ROUTE_POLICY): no session is read.
 */
export async function GET(request: Request, { params }: Context) {
  return handleOpen311(request, (await params).path);
}

export async function POST(request: Request, { params }: Context) {
  return handleOpen311(request, (await params).path);
}

import { handleSignOut } from '@/server/http/auth-routes';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export { handleSignOut as POST };

import { handleSignIn } from '@/server/http/auth-routes';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export { handleSignIn as POST };

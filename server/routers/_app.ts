import { router } from '../trpc';
import { adminRouter } from './admin';
import { detailsRouter } from './details';
import { draftsRouter } from './drafts';
import { incidentsRouter } from './incidents';
import { mapRouter } from './map';
import { plansRouter } from './plans';
import { searchRouter } from './search';
import { sessionRouter } from './session';

export const appRouter = router({
  search: searchRouter,
  details: detailsRouter,
  map: mapRouter,
  drafts: draftsRouter,
  plans: plansRouter,
  incidents: incidentsRouter,
  session: sessionRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

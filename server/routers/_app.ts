import { router } from '../trpc';
import { detailsRouter } from './details';
import { draftsRouter } from './drafts';
import { mapRouter } from './map';
import { searchRouter } from './search';

export const appRouter = router({
  search: searchRouter,
  details: detailsRouter,
  map: mapRouter,
  drafts: draftsRouter,
});

export type AppRouter = typeof appRouter;

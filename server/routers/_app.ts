import { router } from '../trpc';
import { detailsRouter } from './details';
import { mapRouter } from './map';
import { searchRouter } from './search';

export const appRouter = router({
  search: searchRouter,
  details: detailsRouter,
  map: mapRouter,
});

export type AppRouter = typeof appRouter;

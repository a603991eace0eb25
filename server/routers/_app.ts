import { router } from '../trpc';
import { adminRouter } from './admin';
import { commandRouter } from './command';
import { detailsRouter } from './details';
import { draftsRouter } from './drafts';
import { fieldRouter } from './field';
import { incidentsRouter } from './incidents';
import { mapRouter } from './map';
import { opendataRouter } from './opendata';
import { baseDataRouter } from './base-data';
import { plannerRouter } from './planner';
import { plansRouter } from './plans';
import { searchRouter } from './search';
import { sessionRouter } from './session';
import { staffingRouter } from './staffing';
import { academyRouter } from './academy';

export const appRouter = router({
  search: searchRouter,
  details: detailsRouter,
  map: mapRouter,
  drafts: draftsRouter,
  plans: plansRouter,
  planner: plannerRouter,
  incidents: incidentsRouter,
  command: commandRouter,
  field: fieldRouter,
  session: sessionRouter,
  admin: adminRouter,
  opendata: opendataRouter,
  baseData: baseDataRouter,
  staffing: staffingRouter,
  academy: academyRouter,
});

export type AppRouter = typeof appRouter;

import type { GuichetModule } from '../../platform/module.ts';
import * as createMandates from './migrations/2026-11-24-09-mandates-create.ts';
import * as awaitedAgent from './migrations/2026-11-30-41-mandates-awaited-agent.ts';
import * as changeLog from './migrations/2026-12-07-41-mandates-change-log.ts';
import { mandatesMySpace } from './my-space.tsx';
import { mandateRoutes } from './routes.tsx';

/** Representation: who may act for whom, on which themes, with which permissions, until when. */
export const mandatesModule: GuichetModule = {
  name: 'mandates',
  migrations: {
    '2026-11-24-09-mandates-create': createMandates,
    '2026-11-30-41-mandates-awaited-agent': awaitedAgent,
    '2026-12-07-41-mandates-change-log': changeLog,
  },
  routes: mandateRoutes,
  mySpace: mandatesMySpace,
};

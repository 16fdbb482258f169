import type { GuichetModule } from '../../platform/module.ts';
import * as createIndicators from './migrations/2026-12-02-50-indicators-create.ts';
import { publicIndicatorRoutes } from './public-routes.tsx';
import { recordEmittedEvent } from './record.ts';
import { cockpitRoutes } from './routes.tsx';

/**
 * Indicators without personal data: what modules emit (submitted, decided, paid, opened) and the
 * journeys they report (page seen, form begun, step reached), the survey after a procedure; the
 * authorities' cockpit and the open data.
 */
export const indicatorsModule: GuichetModule = {
  name: 'indicators',
  migrations: { '2026-12-02-50-indicators-create': createIndicators },
  routes: (platform) => [...cockpitRoutes(platform), ...publicIndicatorRoutes(platform)],
  jobs: (platform) => ({
    'indicators:record-event': (event) => recordEmittedEvent(platform.db, event),
  }),
};

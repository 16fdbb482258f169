import { getAuthorityBySlug } from '../modules/authorities/index.ts';
import { registerClient } from '../modules/identity/index.ts';
import type { MasterKey } from '../platform/crypto/master-keys.ts';
import type { Db } from '../platform/database/database.ts';
import { connectCommunalErp } from '../simulators/communal-erp/index.ts';
import { connectDebtRegister } from '../simulators/debt-register/index.ts';
import { connectNarcoticsRegister } from '../simulators/narcotics-register/index.ts';
import { provisionSionApp, sionAppSettings } from '../simulators/sion-app/index.tsx';
import { connectTaxSystem } from '../simulators/tax-system/index.ts';
import { connectDemoHealthRegister } from './demo-health.ts';

/**
 * Connects the demo's business applications once Guichet answers at `url` (they need its address):
 * Sion's ERP subscribes to its webhooks through the API, and Sion's parking application gets the
 * OpenID client it signs people in with, as Sion's IT would register it.
 */
export async function connectDemoApps(db: Db, keys: MasterKey[], url: string): Promise<void> {
  // The applications know nothing of each other (each its own key, settings and subscriptions): they
  // connect side by side, every one of them done (or failed) before Guichet says it is ready.
  const connected = await Promise.allSettled([
    connectCommunalErp(db, url),
    connectNarcoticsRegister(db, url),
    connectDebtRegister(db, url),
    connectTaxSystem(db, url),
    connectDemoHealthRegister(db, url),
    connectSionApp(db, keys, url),
  ]);
  const failed = connected.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

async function connectSionApp(db: Db, keys: MasterKey[], url: string): Promise<void> {
  if ((await sionAppSettings(db))?.guichet_url === url) return;
  const sion = await getAuthorityBySlug(db, 'sion');
  if (!sion) return;
  const client = await registerClient(db, keys, 'cli:start', {
    authorityId: sion.id,
    name: 'Macarons Sion',
    redirectUris: [`${url}/simulators/sion-app/callback`],
    scopes: ['profile', 'acting'],
  });
  await provisionSionApp(db, { guichetUrl: url, ...client });
}

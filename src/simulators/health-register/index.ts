import { timingSafeEqual } from 'node:crypto';
import type { RouteContext } from '../../platform/http/route.ts';
import type { GuichetModule } from '../../platform/module.ts';
import { institutionEntry, professionalEntry } from './entries.ts';
import * as registerTables from './migrations/2026-12-02-20-health-register-simulator.ts';
import { handleEvent, webhookPath } from './register.ts';
import {
  institutionByUid,
  listProfessionals,
  professionalByAvs,
  professionalByGln,
  settingsOf,
} from './store.ts';
import { verifyWebhook } from './verify-webhook.ts';

const none = { none: 'a simulator of the health service’s register (demo and tests)' };
const apiPath = '/simulators/health-register/api';

/**
 * A stand-in for the Service de la santé publique's register of health professionals (by GLN) and
 * institutions (by UID). It knows nothing of Guichet's modules or tables. It is the system of record:
 * Guichet reads an entry over its small API (with the token the register gave it), and never writes
 * to it; the register pulls what the health service accepted — it is subscribed through Guichet's API
 * to `request.status_changed`, checks each Standard Webhook's signature itself, reads the request
 * through the API, writes the change with its history and tells the requester on the request.
 */
export const healthRegisterSimulator: GuichetModule = {
  name: 'health-register-simulator',
  migrations: { '2026-12-02-20-health-register-simulator': registerTables },
  routes: (platform) => {
    const { db } = platform;
    /** Guichet's read token, else null (answered 401 by the caller). */
    async function authorised(c: RouteContext): Promise<boolean> {
      const token = (await settingsOf(db))?.read_token ?? '';
      const given = Buffer.from(c.req.header('authorization')?.replace(/^Bearer /, '') ?? '');
      const expected = Buffer.from(token);
      return token !== '' && given.length === expected.length && timingSafeEqual(given, expected);
    }
    return [
      {
        method: 'POST',
        path: webhookPath,
        access: 'machine',
        object: none,
        async handler(c) {
          const body = await c.req.text();
          const secret = (await settingsOf(db))?.webhook_secret ?? '';
          const verified = verifyWebhook(
            secret,
            {
              id: c.req.header('webhook-id'),
              timestamp: c.req.header('webhook-timestamp'),
              signature: c.req.header('webhook-signature'),
            },
            body,
          );
          if (!verified) return c.json({ error: 'bad signature' }, 401);
          // Answered only once the register is written: a failure is retried by Guichet.
          await handleEvent(db, JSON.parse(body));
          return c.body(null, 204);
        },
      },
      {
        method: 'GET',
        path: `${apiPath}/professionals`,
        access: 'machine',
        object: none,
        async handler(c) {
          if (!(await authorised(c))) return c.json({ error: 'unauthorised' }, 401);
          const found = await professionalByAvs(db, c.req.query('avs') ?? '');
          return found ? c.json(await professionalEntry(db, found)) : c.json({ error: 'not found' }, 404);
        },
      },
      {
        method: 'GET',
        path: `${apiPath}/professionals/:gln`,
        access: 'machine',
        object: none,
        async handler(c) {
          if (!(await authorised(c))) return c.json({ error: 'unauthorised' }, 401);
          const found = await professionalByGln(db, c.req.param('gln') ?? '');
          return found ? c.json(await professionalEntry(db, found)) : c.json({ error: 'not found' }, 404);
        },
      },
      {
        method: 'GET',
        path: `${apiPath}/institutions/:uid`,
        access: 'machine',
        object: none,
        async handler(c) {
          if (!(await authorised(c))) return c.json({ error: 'unauthorised' }, 401);
          const found = await institutionByUid(db, c.req.param('uid') ?? '');
          return found ? c.json(await institutionEntry(db, found)) : c.json({ error: 'not found' }, 404);
        },
      },
      {
        // The public part of the register (as the federal MedReg publishes it): who may practise what, where.
        method: 'GET',
        path: '/simulators/health-register/public',
        access: 'anonymous',
        object: none,
        async handler(c) {
          return c.json({
            professionals: (await listProfessionals(db)).map((p) => ({
              gln: p.gln,
              name: `${p.given_names} ${p.family_name}`,
              profession: p.profession,
              town: p.town,
              practiceAuthorisation: p.practice_authorised_on,
              billingAuthorisation: p.billing_authorised_on,
            })),
          });
        },
      },
    ];
  },
};

export { connectHealthRegister, isProvisioned, provisionHealthRegister } from './register.ts';

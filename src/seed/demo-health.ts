import { getAuthorityBySlug } from '../modules/authorities/index.ts';
import { createApiClient } from '../modules/integration/index.ts';
import type { Db } from '../platform/database/database.ts';
import {
  connectRegisterApi,
  setUpHealthProfessionalData,
} from '../services/health-professional-data/index.ts';
import { setUpPracticeAuthorisation } from '../services/practice-authorisation/index.ts';
import {
  connectHealthRegister,
  isProvisioned,
  provisionHealthRegister,
} from '../simulators/health-register/index.ts';

/**
 * The health service's two procedures put online by its designers, and its register (a simulator)
 * given an API key, as the canton's IT would: the register hands back the token Guichet reads it with.
 */
export async function seedHealthServices(db: Db, by: string): Promise<void> {
  const changeFormId = await setUpHealthProfessionalData(db, by);
  const authorisationFormId = await setUpPracticeAuthorisation(db, by);
  const ssp = await getAuthorityBySlug(db, 'ssp');
  if (!ssp || !changeFormId || !authorisationFormId || (await isProvisioned(db))) return;
  const { key } = await createApiClient(db, by, {
    authorityId: ssp.id,
    name: 'Registre des professionnels de la santé (simulateur)',
    scopes: ['requests:read', 'requests:write', 'webhooks:read', 'webhooks:write'],
    mode: 'test',
  });
  const token = await provisionHealthRegister(db, { apiKey: key, changeFormId, authorisationFormId });
  await connectRegisterApi(db, { token });
}

/**
 * Once Guichet listens at `url`: the register subscribes to the health service's webhooks through the
 * API, and Guichet learns where the register's API answers (under its own address in the demo).
 */
export async function connectDemoHealthRegister(db: Db, url: string): Promise<void> {
  await connectRegisterApi(db, { baseUrl: `${url}/simulators/health-register/api` });
  await connectHealthRegister(db, url);
}

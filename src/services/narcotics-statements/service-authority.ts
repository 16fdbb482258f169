import { getServiceEntry } from '../../modules/catalogue/index.ts';
import type { Db } from '../../platform/database/database.ts';

/** The catalogue entry of the service: the authority that publishes it receives the statements. */
export const serviceSlug = 'etat-mensuel-stupefiants';

export async function narcoticsAuthority(db: Db): Promise<string | undefined> {
  return (await getServiceEntry(db, { slug: serviceSlug }, 'published'))?.authorityId;
}

/** The month of a date, `YYYY-MM`, in Swiss time. */
export const monthOf = (now: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich' }).format(now).slice(0, 7);

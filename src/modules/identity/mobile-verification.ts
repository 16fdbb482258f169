import { createHmac } from 'node:crypto';
import { auditedTx } from '../../platform/audit/audit.ts';
import { type PurposeKey, type Secrets, sameText } from '../../platform/crypto/secrets.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import type { IdentityTables } from './tables.ts';

const MAX_ATTEMPTS = 5;

/**
 * A mobile number in international form (+41791234567): Swiss numbers may be typed the Swiss way
 * (079 123 45 67, 0041 79 …), others need their +country prefix.
 */
export function normaliseMobile(input: string): string | undefined {
  const compact = input.replace(/[\s./()-]/g, '');
  const international = compact.startsWith('00')
    ? `+${compact.slice(2)}`
    : compact.startsWith('0')
      ? `+41${compact.slice(1)}`
      : compact;
  return /^\+[1-9]\d{7,14}$/.test(international) ? international : undefined;
}

/**
 * The code of a verification, derived from the `mobile-codes` key: a retried job sends the same code
 * under the same gateway reference, and no code is ever stored.
 */
export function verificationCode(key: PurposeKey, verificationId: string): string {
  const digest = createHmac('sha256', key.key).update(`mobile:${verificationId}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** Starts verifying a number: the SMS goes out through the queue once this commits. */
export async function startMobileVerification(
  db: Db,
  personId: string,
  mobile: string,
  locale: Locale,
  now: Date,
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const row = await tablesOf<IdentityTables>(tx)
      .insertInto('mobile_verifications')
      .values({
        person_id: personId,
        mobile,
        expires_at: new Date(now.getTime() + 10 * 60_000),
        verified_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueue(tx, 'identity:send-mobile-code', { verificationId: row.id, locale });
    return row.id;
  });
}

export type MobileCheck = 'verified' | 'wrong' | 'expired';

/** Checks the typed code against the person's latest verification; five tries, ten minutes. */
export async function confirmMobile(
  db: Db,
  secrets: Secrets,
  personId: string,
  code: string,
  now: Date,
): Promise<MobileCheck> {
  return db.transaction().execute(async (tx) => {
    const identity = tablesOf<IdentityTables>(tx);
    const pending = await identity
      .selectFrom('mobile_verifications')
      .selectAll()
      .where('person_id', '=', personId)
      .where('verified_at', 'is', null)
      .orderBy('expires_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!pending || pending.expires_at <= now || pending.attempts >= MAX_ATTEMPTS) return 'expired';
    await identity
      .updateTable('mobile_verifications')
      .set({ attempts: pending.attempts + 1 })
      .where('id', '=', pending.id)
      .execute();
    // A code sent just before the key's rotation is still good.
    const given = code.replace(/\s/g, '');
    const right = secrets
      .accepted('mobile-codes')
      .some((key) => sameText(given, verificationCode(key, pending.id)));
    if (!right) return 'wrong';
    const verified = {
      actor: `person:${personId}`,
      action: 'person.mobile.verified',
      subjectType: 'person',
      subjectId: personId,
    };
    return auditedTx(tx, verified, async (tx) => {
      const identity = tablesOf<IdentityTables>(tx);
      await identity
        .updateTable('mobile_verifications')
        .set({ verified_at: now })
        .where('id', '=', pending.id)
        .execute();
      await identity
        .updateTable('persons')
        .set({ mobile: pending.mobile, mobile_verified_at: now })
        .where('id', '=', personId)
        .execute();
      return 'verified' as const;
    });
  });
}

export async function findVerification(db: Db, verificationId: string) {
  return tablesOf<IdentityTables>(db)
    .selectFrom('mobile_verifications')
    .selectAll()
    .where('id', '=', verificationId)
    .executeTakeFirst();
}

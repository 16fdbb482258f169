import { sql } from 'kysely';
import { auditedTx } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import { formatChf, formatDateTime } from '../../platform/i18n/format.ts';
import { pick } from '../../platform/i18n/locales.ts';
import { getAccount } from '../accounts/index.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { type IssuingContext, issueDocument } from '../signing/index.ts';
import { type Booking, selectBookings } from './bookings.ts';
import { bookingMessages } from './messages.ts';
import { bookingTables } from './resources.ts';

/**
 * Confirms a booking and issues its confirmation, sealed, into the account's documents (which tells
 * the account's people), in the caller's transaction.
 */
export async function confirmBooking(context: IssuingContext, tx: Db, booking: Booking, actor: string) {
  const resource = await bookingTables(tx)
    .selectFrom('booking_resources')
    .selectAll()
    .where('id', '=', booking.resource_id)
    .executeTakeFirstOrThrow();
  const authority = await getAuthorityById(tx, booking.authority_id);
  const account = booking.account_id ? await getAccount(tx, booking.account_id) : undefined;
  if (!authority || !account) throw new Error(`Booking ${booking.id} has no authority or account`);
  const locale = authority.languages[0] ?? 'fr';
  const t = bookingMessages.translator(locale);
  const when = `${formatDateTime(locale, booking.start)} – ${formatDateTime(locale, booking.end)}`;
  await auditedTx(
    tx,
    {
      actor,
      action: 'booking.confirmed',
      subjectType: 'booking',
      subjectId: booking.id,
      authorityId: booking.authority_id,
    },
    async (tx) => {
      const { document } = await issueDocument(
        context,
        {
          type: 'authorisation',
          authorityId: booking.authority_id,
          accountId: account.id,
          subject: { kind: account.kind === 'professional' ? 'organisation' : 'person', name: account.name },
          language: locale,
          content: {
            title: t('confirmation'),
            recipient: booking.contact_name || account.name,
            paragraphs: [t('documentIntro'), t('documentUse')],
            sections: [
              {
                fields: [
                  { label: t('resource'), value: pick(resource.name, locale) },
                  { label: t('when'), value: when },
                  { label: t('purpose'), value: booking.purpose },
                  { label: t('attendees'), value: String(booking.attendees) },
                  { label: t('price'), value: formatChf(locale, booking.price_cents) },
                ],
              },
            ],
          },
          verifierFields: {
            n: booking.contact_name || account.name,
            r: booking.reference,
            o: t('confirmed'),
          },
          validUntil: booking.end,
          requestReference: booking.reference,
          category: 'certificate',
          filename: `reservation-${booking.reference}.pdf`,
          idempotencyKey: `booking:${booking.id}`,
          issuedBy: actor,
        },
        tx,
      );
      await bookingTables(tx)
        .updateTable('bookings')
        .set({ status: 'confirmed', document_id: document.id, hold_until: null, updated_at: sql`now()` })
        .where('id', '=', booking.id)
        .execute();
    },
  );
}

/**
 * The job's work once a booking's fee is paid (or at once when it has none): a held booking is
 * confirmed, or put to the staff when the resource needs approval. A booking released meanwhile (paid
 * too late) is refunded by the caller: its answer is `lateRefund`.
 */
export async function settleBooking(
  context: IssuingContext,
  bookingId: string,
): Promise<'confirmed' | 'requested' | 'lateRefund' | 'nothing'> {
  return context.db.transaction().execute(async (tx) => {
    const booking = await selectBookings(tx).where('id', '=', bookingId).forUpdate().executeTakeFirst();
    if (!booking) return 'nothing';
    if (booking.status === 'expired' || booking.status === 'cancelled') return 'lateRefund';
    if (booking.status !== 'held') return 'nothing';
    const { needs_approval } = await bookingTables(tx)
      .selectFrom('booking_resources')
      .select('needs_approval')
      .where('id', '=', booking.resource_id)
      .executeTakeFirstOrThrow();
    if (!needs_approval) {
      await confirmBooking({ ...context, db: tx }, tx, booking, 'system');
      return 'confirmed';
    }
    await auditedTx(
      tx,
      {
        actor: 'system',
        action: 'booking.requested',
        subjectType: 'booking',
        subjectId: booking.id,
        authorityId: booking.authority_id,
      },
      (tx) =>
        bookingTables(tx)
          .updateTable('bookings')
          .set({ status: 'requested', hold_until: null, updated_at: sql`now()` })
          .where('id', '=', booking.id)
          .execute(),
    );
    return 'requested';
  });
}

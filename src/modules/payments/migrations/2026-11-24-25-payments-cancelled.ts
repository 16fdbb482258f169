import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** A fee whose request ended before it was paid (withdrawn, closed) is `cancelled`: no longer payable. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table payments drop constraint payments_status_check`.execute(db);
  await sql`alter table payments add constraint payments_status_check
    check (status in ('open', 'pending', 'paid', 'refunded', 'cancelled'))`.execute(db);
}

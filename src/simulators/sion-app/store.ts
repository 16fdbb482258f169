import { randomBytes } from 'node:crypto';
import { type Db, tablesOf } from '../../platform/database/database.ts';

export interface SignedIn {
  name: string;
  /** The `acting_for` claim: the account the person acts for, and the mandate if it is someone else's. */
  actingFor?: { kind: string; name: string; mandate?: { id: string; themes: string[] } };
}

interface SionAppTables {
  simulator_sion_app_settings: { id: number; guichet_url: string; client_id: string; client_secret: string };
  simulator_sion_app_sessions: {
    id: string;
    pending: { state: string; nonce: string; verifier: string } | null;
    claims: SignedIn | null;
    created_at: Date;
  };
}

const app = (db: Db) => tablesOf<SionAppTables>(db);

export const settingsOf = (db: Db) =>
  app(db).selectFrom('simulator_sion_app_settings').selectAll().where('id', '=', 1).executeTakeFirst();

/** Hands the application the OpenID client registered for it (the demo does, once Guichet listens). */
export async function provisionSionApp(
  db: Db,
  input: { guichetUrl: string; clientId: string; clientSecret: string },
): Promise<void> {
  await app(db)
    .insertInto('simulator_sion_app_settings')
    .values({
      id: 1,
      guichet_url: input.guichetUrl,
      client_id: input.clientId,
      client_secret: input.clientSecret,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        guichet_url: input.guichetUrl,
        client_id: input.clientId,
        client_secret: input.clientSecret,
      }),
    )
    .execute();
}

export async function startLogin(db: Db, pending: { state: string; nonce: string; verifier: string }) {
  const id = randomBytes(24).toString('base64url');
  await app(db)
    .insertInto('simulator_sion_app_sessions')
    .values({ id, pending, claims: null, created_at: new Date() })
    .execute();
  return id;
}

export const sessionOf = (db: Db, id: string) =>
  app(db).selectFrom('simulator_sion_app_sessions').selectAll().where('id', '=', id).executeTakeFirst();

export async function signIn(db: Db, id: string, claims: SignedIn) {
  await app(db)
    .updateTable('simulator_sion_app_sessions')
    .set({ pending: null, claims })
    .where('id', '=', id)
    .execute();
}

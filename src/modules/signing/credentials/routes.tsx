import { notFound } from '../../../platform/http/http-error.ts';
import { loggedInPerson, type RouteDef } from '../../../platform/http/route.ts';
import type { Platform } from '../../../platform/module.ts';
import { can } from '../../policy/index.ts';
import { WalletCredentialsPage } from './all-credentials-page.tsx';
import { walletCredentialsPath, withOfferCodes } from './credential-items.tsx';
import { credentialMessages } from './messages.ts';
import { walletCredentialsPage } from './wallet-credentials-page.ts';

/** Credentials on one page: each may carry a QR code, so fewer than a list of links. */
const walletCredentialsPageSize = 10;

/** Every wallet credential of the account in use, beyond the ten "my space" shows. */
export function walletCredentialsRoutes(platform: Platform): RouteDef[] {
  return [
    {
      method: 'GET',
      path: walletCredentialsPath,
      access: 'person',
      object: 'decided',
      async handler(c) {
        const actor = loggedInPerson(c);
        // The account's own people only, as in "my space": consulting with no theme is refused under
        // a mandate, and a representative does not take the holder's attestations into their wallet.
        const account = { type: 'account' as const, accountId: actor.account.id };
        if (!(await can(platform.db, actor, 'account.consult', account)).allowed) throw notFound();
        const { items, hasBefore, hasAfter } = await walletCredentialsPage(platform.db, actor.account.id, {
          after: c.req.query('after'),
          before: c.req.query('before'),
          size: walletCredentialsPageSize,
        });
        return platform.render(
          c,
          { title: credentialMessages.translator(c.var.locale)('walletTitle') },
          <WalletCredentialsPage
            locale={c.var.locale}
            items={await withOfferCodes(items)}
            hasBefore={hasBefore}
            hasAfter={hasAfter}
          />,
        );
      },
    },
  ];
}

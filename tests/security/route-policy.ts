/**
 * What the authorisation matrix expects of every route that reads or changes a particular object (its
 * path names one, or it says `object: 'decided'`): who may reach the objects of A, B, X and Y. A route
 * added without a line here fails the matrix, so whoever adds it says who may use it. Routes that take
 * no object decision (`object: { none }` or no parameter) are held to their `access` level alone.
 *
 * Audiences, relative to the object's owner (A's objects live at authority X, B's at Y):
 * - `holder`: the people of the object's account (A for A's), not their representatives;
 * - `holderOrRep`: and a representative whose mandate is in force;
 * - `mandateAgent`: the person a mandate is offered to (B, for the mandate A offers);
 * - `agent`, `admin`, `designer`: staff of the object's authority in a role the policy gives that action
 *   (`agent` = agent or administrator, `designer` = service designer or administrator, `admin` =
 *   administrator only);
 * - `key`: the application of the object's authority;
 * - `person`, `staff`, `apiClient`: any of them, on what the request body or their own account names;
 * - `self`: a person in their own account, not a representative acting for someone (preferences,
 *   access log, new mandates, starting a form with no mandate theme); `selfOrRep`: and a
 *   representative whose mandate is in force;
 * - `designerAny`: a service designer or administrator of any authority (the catalogue and forms lists);
 * - `pharmacy`: a person in a pharmacy's account (a professional account the narcotics service knows);
 * - `inHealthRegister`: a person in an account that has an entry in the health register (their own as
 *   a professional, or an institution's they are one of the people of);
 * - `signatory`: a person the commercial register lists as signing for the company the body names
 *   (citizen A, for the company the matrix names).
 *
 * A line may also name routes that take no object decision, when the handler narrows its `access`.
 */
export type Audience =
  | 'holder'
  | 'holderOrRep'
  | 'mandateAgent'
  | 'agent'
  | 'admin'
  | 'designer'
  | 'key'
  | 'person'
  | 'staff'
  | 'apiClient'
  | 'self'
  | 'selfOrRep'
  | 'designerAny'
  | 'pharmacy'
  | 'inHealthRegister'
  | 'signatory';

/** The kind of object a path parameter names; `sub` is a part inside the main object (a page, a field). */
export type ParamKind =
  | 'authority'
  | 'request'
  | 'thread'
  | 'document'
  | 'postalDocument'
  | 'draft'
  | 'submission'
  | 'form'
  | 'webhook'
  | 'apiKey'
  | 'mandate'
  | 'payment'
  | 'service'
  | 'serviceId'
  | 'serial'
  | 'credit'
  | 'delivery'
  | 'booking'
  | 'bookingResource'
  | 'ticket'
  | 'narcoticsStatement'
  | 'taxDocument'
  | 'taxInvoice'
  | 'faq'
  | 'faqToRemove'
  | 'sub';

export interface RoutePolicy {
  audience: Audience;
  /** Parameters whose kind the path's wording does not say (see `paramKind`). */
  params?: Record<string, ParamKind>;
  /**
   * The one authority the route serves (N, the receiver of the narcotics statements; C, the canton):
   * probed there as well as at X and Y, where everyone is refused. A route whose path names no
   * authority acts for that one: only its staff or key may use it.
   */
  onlyAt?: 'N' | 'C';
  /**
   * A form body the allowed call needs to succeed, posted in every cell of the route; a value `@name`
   * stands for the id of the cast's person `name`, `@C` for the id of authority C (the canton).
   */
  body?: Record<string, string>;
  /** The JSON body of an API route's allowed call, posted in every cell of the route. */
  json?: unknown;
  /**
   * The handler asks for a login of the last minutes (ASVS 7.5.1): the matrix calls it from a session
   * where the actor just logged in.
   */
  recentLogin?: true;
  /**
   * An allowed call uses its object up or moves it (a letter recorded as posted, a ticket handed over
   * to another authority): each allowed cell is given a fresh object of the same owner
   * (`support/fresh-objects.ts`), so that none depends on another's order and the cast's object stays
   * as it was for every other cell.
   */
  usesUp?: true;
  /**
   * The route asks its object's level of assurance (ADR 31): the holder's object of a service that asks
   * more than the cast's login is probed too, and must be refused to everyone (every draft route is).
   */
  asksObjectLevel?: true;
}

/** Routes only one authority serves (`onlyAt`), all for the same audience. */
function servedOnlyAt(home: 'N' | 'C', audience: Audience, keys: string[]): Record<string, RoutePolicy> {
  return Object.fromEntries(keys.map((key) => [key, { audience, onlyAt: home }]));
}

/** The kind of a parameter from the word before it (`/requests/:id` names a request). */
export function paramKind(path: string, name: string, policy?: RoutePolicy): ParamKind | undefined {
  const declared = policy?.params?.[name];
  if (declared) return declared;
  if (['fieldId', 'pageId', 'stepId', 'format', 'documentId', 'fileId'].includes(name)) return 'sub';
  const before = path.split('/').at(path.split('/').indexOf(`:${name}`) - 1);
  return before ? kindAfter[before] : undefined;
}

const kindAfter: Record<string, ParamKind> = {
  authorities: 'authority',
  requests: 'request',
  messages: 'thread',
  threads: 'thread',
  documents: 'document',
  postal: 'document',
  drafts: 'draft',
  submissions: 'submission',
  forms: 'form',
  webhooks: 'webhook',
  'webhook-endpoints': 'webhook',
  'api-keys': 'apiKey',
  mandates: 'mandate',
  payments: 'payment',
  catalogue: 'service',
  services: 'serviceId',
  'issued-documents': 'serial',
  'bank-transfers': 'credit',
  deliveries: 'delivery',
  bookings: 'booking',
  resources: 'bookingResource',
  tickets: 'ticket',
  support: 'ticket',
  'narcotics-statements': 'narcoticsStatement',
};

export const routePolicies: Record<string, RoutePolicy> = {
  // accounts, mandates and forms a representative does not reach in the principal's name
  'GET /preferences': { audience: 'self' },
  'POST /preferences': { audience: 'self' },
  'GET /accounts/access-log': { audience: 'self' },
  'POST /mandates': { audience: 'self' },
  // changing how one logs in or is reached asks for a login of the last minutes (ASVS 7.5.1)
  'GET /profile/local-means': { audience: 'person', recentLogin: true },
  'POST /profile/local-means': { audience: 'person', recentLogin: true },
  'POST /profile/mobile': { audience: 'person', recentLogin: true },
  'POST /profile/passkeys/options': { audience: 'person', recentLogin: true },
  'POST /profile/identities/:link/remove': { audience: 'person', recentLogin: true, params: { link: 'sub' } },
  // the fiduciary company citizen A signs for (jointly) in the commercial register
  'POST /accounts/professional': { audience: 'signatory', body: { uid: 'CHE234567895' } },
  'GET /back-office/catalogue': { audience: 'designerAny' },
  'GET /back-office/catalogue/new': { audience: 'designerAny' },
  'POST /back-office/catalogue/new': { audience: 'designerAny' },
  'GET /back-office/catalogue/synonyms': { audience: 'designerAny' },
  'POST /back-office/catalogue/synonyms': { audience: 'designerAny' },
  'GET /back-office/forms': { audience: 'designerAny' },
  // authorities
  'GET /authorities/:slug/branding': { audience: 'admin' },
  'POST /authorities/:slug/branding': { audience: 'admin' },
  // mandates
  'POST /mandates/:id/accept': { audience: 'mandateAgent' },
  'POST /mandates/:id/decline': { audience: 'mandateAgent' },
  'POST /mandates/:id/give-up': { audience: 'mandateAgent' },
  'POST /mandates/:id/cosign': { audience: 'holder' },
  'GET /mandates/:id/revoke': { audience: 'holder' },
  'POST /mandates/:id/revoke': { audience: 'holder' },
  // catalogue
  'GET /back-office/catalogue/:slug': { audience: 'designer' },
  'POST /back-office/catalogue/:slug': { audience: 'designer' },
  'GET /back-office/catalogue/:slug/preview': { audience: 'designer' },
  // the version the designer saw (X's service is at version 1: publishing it again is allowed)
  'POST /back-office/catalogue/:slug/publish': { audience: 'designer', body: { version: '1' } },
  'POST /back-office/catalogue/:slug/withdraw': { audience: 'designer' },
  // notifications
  'GET /back-office/authorities/:slug/notification-templates': { audience: 'admin' },
  'POST /back-office/authorities/:slug/notification-templates': { audience: 'admin' },
  'POST /back-office/authorities/:slug/notification-templates/reset': { audience: 'admin' },
  // documents
  'GET /documents/:id': { audience: 'holder', asksObjectLevel: true },
  'GET /documents/:id/file': { audience: 'holder', asksObjectLevel: true },
  'POST /documents/:id/delete': { audience: 'holder', asksObjectLevel: true },
  'GET /back-office/authorities/:slug/documents': { audience: 'agent' },
  'GET /back-office/authorities/:slug/documents/new': { audience: 'agent' },
  'POST /back-office/authorities/:slug/documents/new': { audience: 'agent' },
  'GET /back-office/authorities/:slug/documents/bulk': { audience: 'agent' },
  'POST /back-office/authorities/:slug/documents/bulk': { audience: 'agent' },
  'POST /back-office/authorities/:slug/documents/postal/:id': {
    audience: 'agent',
    params: { id: 'postalDocument' },
    usesUp: true,
  },
  'POST /api/v1/documents': { audience: 'apiClient' },
  'GET /api/v1/documents/:id': { audience: 'key' },
  // signing
  'GET /back-office/authorities/:slug/issued-documents': { audience: 'agent' },
  'GET /back-office/authorities/:slug/issued-documents/:serial/revoke': { audience: 'admin' },
  'POST /back-office/authorities/:slug/issued-documents/:serial/revoke': { audience: 'admin' },
  // forms
  'GET /forms/drafts/:id/pages/:pageId': { audience: 'holder' },
  'GET /forms/drafts/:id/fields/:fieldId/documents': { audience: 'holder' },
  'GET /forms/:formId/start': { audience: 'self' },
  'POST /forms/:formId/start': { audience: 'self' },
  // the person's own unfinished drafts in the account in use, while they may use it
  'GET /forms/drafts': { audience: 'selfOrRep' },
  'GET /forms/drafts/:id': { audience: 'holder' },
  'POST /forms/drafts/:id/steps/:stepId': { audience: 'holder' },
  'GET /forms/drafts/:id/review': { audience: 'holder' },
  'GET /forms/drafts/:id/delete': { audience: 'holder' },
  'POST /forms/drafts/:id/delete': { audience: 'holder', usesUp: true },
  'POST /forms/drafts/:id/submit': { audience: 'holder' },
  'GET /forms/submissions/:id': { audience: 'holder', asksObjectLevel: true },
  'GET /forms/submissions/:id/pay': { audience: 'holder' },
  'GET /forms/submissions/:id/pay/status': { audience: 'holder' },
  'GET /forms/submissions/:id/receipt.pdf': { audience: 'holder', asksObjectLevel: true },
  'GET /back-office/forms/:id': { audience: 'designer' },
  'POST /back-office/forms/:id/actions': { audience: 'designer' },
  'GET /back-office/forms/:id/fields/:fieldId': { audience: 'designer' },
  'POST /back-office/forms/:id/fields/:fieldId': { audience: 'designer' },
  'POST /back-office/forms/:id/publish': { audience: 'designer' },
  'GET /back-office/forms/:id/preview': { audience: 'designer' },
  'GET /back-office/forms/:id/export.json': { audience: 'designer' },
  'POST /back-office/forms/:id/import': { audience: 'designer' },
  'GET /back-office/forms/:id/schema.json': { audience: 'designer' },
  'GET /api/v1/forms/:id/schema': { audience: 'key' },
  // payments
  'GET /back-office/authorities/:slug/payments/settings': { audience: 'admin' },
  'POST /back-office/authorities/:slug/payments/settings': { audience: 'admin' },
  'GET /back-office/authorities/:slug/payments': { audience: 'agent' },
  'GET /back-office/authorities/:slug/payments/export.csv': { audience: 'agent' },
  'GET /back-office/authorities/:slug/payments/:id': { audience: 'agent' },
  'GET /back-office/authorities/:slug/payments/:id/refund': { audience: 'admin' },
  'POST /back-office/authorities/:slug/payments/:id/refund': { audience: 'admin' },
  'GET /payments/:id': { audience: 'holder' },
  'POST /payments/:id/checkout': { audience: 'holder' },
  'POST /payments/:id/bank-transfer': { audience: 'holder' },
  'POST /back-office/authorities/:slug/payments/:id/qr-bill': { audience: 'agent' },
  'GET /back-office/authorities/:slug/bank-transfers': { audience: 'agent' },
  'POST /back-office/authorities/:slug/bank-transfers': { audience: 'admin' },
  'POST /back-office/authorities/:slug/bank-transfers/:credit/resolve': { audience: 'admin' },
  'POST /api/v1/bank-notifications': { audience: 'apiClient' },
  'GET /back-office/authorities/:slug/payment-statement': { audience: 'agent' },
  'GET /back-office/authorities/:slug/payment-statement.csv': { audience: 'agent' },
  'GET /back-office/authorities/:slug/payment-statement.json': { audience: 'agent' },
  // cases
  'GET /back-office/forms/:formId/workflow': { audience: 'designer' },
  'POST /back-office/forms/:formId/workflow': { audience: 'designer' },
  'GET /api/v1/requests/:id': { audience: 'key' },
  'GET /api/v1/requests/:id/messages': { audience: 'key' },
  'POST /api/v1/requests/:id/status': { audience: 'key' },
  'POST /api/v1/requests/:id/complement': { audience: 'key' },
  'POST /api/v1/requests/:id/decision': { audience: 'key' },
  'POST /api/v1/requests/:id/messages': { audience: 'key' },
  'POST /api/v1/requests/:id/documents': { audience: 'key' },
  'POST /api/v1/requests/:id/payments': { audience: 'key' },
  'GET /api/v1/requests/:id/payments': { audience: 'key' },
  'GET /back-office/authorities/:slug/requests': { audience: 'agent' },
  'POST /back-office/authorities/:slug/requests/assign': { audience: 'agent' },
  'GET /back-office/authorities/:slug/requests/export/:format': { audience: 'agent' },
  'POST /back-office/authorities/:slug/requests/:id/complement': { audience: 'agent' },
  'GET /back-office/authorities/:slug/requests/:id/documents/:documentId': { audience: 'agent' },
  'GET /back-office/authorities/:slug/requests/:id/files/:fileId': { audience: 'agent' },
  'POST /back-office/authorities/:slug/requests/:id/messages': { audience: 'agent' },
  'POST /back-office/authorities/:slug/requests/:id/notes': { audience: 'agent' },
  'GET /back-office/authorities/:slug/requests/:id': { audience: 'agent' },
  'POST /back-office/authorities/:slug/requests/:id/assign': { audience: 'agent' },
  'POST /back-office/authorities/:slug/requests/:id/transition': { audience: 'agent' },
  'POST /back-office/authorities/:slug/requests/:id/decide': { audience: 'agent' },
  'GET /requests/:id': { audience: 'holder', asksObjectLevel: true },
  'POST /requests/:id/complement': { audience: 'holder', asksObjectLevel: true },
  'GET /requests/:id/withdraw': { audience: 'holder', asksObjectLevel: true },
  'POST /requests/:id/withdraw': { audience: 'holder', asksObjectLevel: true },
  'POST /requests/:id/messages': { audience: 'holder', asksObjectLevel: true },
  // messaging
  'GET /messages': { audience: 'person' },
  'POST /messages': { audience: 'selfOrRep' },
  'GET /messages/:id': { audience: 'holder' },
  'POST /messages/:id': { audience: 'holder' },
  'GET /back-office/authorities/:slug/messages': { audience: 'agent' },
  'GET /back-office/authorities/:slug/messages/:id': { audience: 'agent' },
  'POST /back-office/authorities/:slug/messages/:id': { audience: 'agent' },
  'GET /back-office/authorities/:slug/messages/:id/attachments/:documentId': { audience: 'agent' },
  'POST /back-office/authorities/:slug/messages/:id/assign': { audience: 'agent' },
  'GET /api/v1/threads': { audience: 'apiClient' },
  'GET /api/v1/threads/:id': { audience: 'key' },
  'POST /api/v1/threads/:id/messages': { audience: 'key' },
  // integration
  'GET /api/v1/services': { audience: 'apiClient' },
  'GET /api/v1/services/:id': { audience: 'key' },
  'GET /api/v1/mandates/check': { audience: 'apiClient' },
  'GET /api/v1/persons': { audience: 'apiClient' },
  'GET /api/v1/organisations': { audience: 'apiClient' },
  'GET /back-office/authorities/:slug/api-keys': { audience: 'admin' },
  'POST /back-office/authorities/:slug/api-keys': { audience: 'admin' },
  'POST /back-office/authorities/:slug/api-keys/:id/rotate': { audience: 'admin' },
  'POST /back-office/authorities/:slug/api-keys/:id/revoke': { audience: 'admin' },
  'POST /api/v1/webhook-endpoints': { audience: 'apiClient' },
  'GET /api/v1/webhook-endpoints': { audience: 'apiClient' },
  'POST /api/v1/webhook-endpoints/:id/test': { audience: 'key' },
  'GET /back-office/authorities/:slug/webhooks': { audience: 'admin' },
  'POST /back-office/authorities/:slug/webhooks': { audience: 'admin' },
  'GET /back-office/authorities/:slug/webhooks/:id': { audience: 'admin' },
  'POST /back-office/authorities/:slug/webhooks/:id/test': { audience: 'admin' },
  'POST /back-office/authorities/:slug/webhooks/:id/enable': { audience: 'admin' },
  'POST /back-office/authorities/:slug/webhooks/:id/deliveries/:deliveryId/replay': {
    audience: 'admin',
    params: { deliveryId: 'sub' },
  },
  // wallet, satisfaction and indicators
  // the page of the account in use: one who may not consult it sees an empty wallet, nothing of the account's
  'GET /wallet': { audience: 'person' },
  // the account's own people: a representative does not take the holder's attestations
  'GET /wallet-credentials': { audience: 'self' },
  'GET /satisfaction/:id': { audience: 'holder', params: { id: 'submission' } },
  'POST /satisfaction/:id': { audience: 'holder', params: { id: 'submission' } },
  'GET /back-office/authorities/:slug/indicators': { audience: 'agent' },
  'GET /back-office/authorities/:slug/indicators/communes': { audience: 'agent', onlyAt: 'C' },
  // issuing
  'POST /api/v1/requests/:id/issued-documents': { audience: 'key' },
  // support: a ticket is followed by the person who opened it, not by their representative
  'GET /help/tickets/:id': { audience: 'holder' },
  'POST /help/tickets/:id': { audience: 'holder' },
  'GET /back-office/authorities/:slug/support': { audience: 'agent' },
  'POST /back-office/authorities/:slug/support/faq': { audience: 'agent', onlyAt: 'C' },
  'GET /back-office/authorities/:slug/support/faq/:id': { audience: 'agent', params: { id: 'faq' } },
  'POST /back-office/authorities/:slug/support/faq/:id': { audience: 'agent', params: { id: 'faq' } },
  'GET /back-office/authorities/:slug/support/faq/:id/remove': { audience: 'agent', params: { id: 'faq' } },
  'POST /back-office/authorities/:slug/support/faq/:id/remove': {
    audience: 'agent',
    params: { id: 'faqToRemove' },
  },
  'GET /back-office/authorities/:slug/support/:id': { audience: 'agent' },
  'POST /back-office/authorities/:slug/support/:id/reply': { audience: 'agent' },
  'POST /back-office/authorities/:slug/support/:id/note': { audience: 'agent' },
  'POST /back-office/authorities/:slug/support/:id/assign': { audience: 'agent' },
  // to the canton's desk
  'POST /back-office/authorities/:slug/support/:id/hand-over': {
    audience: 'agent',
    body: { authority: '@C' },
    usesUp: true,
  },
  'POST /back-office/authorities/:slug/support/:id/state': { audience: 'agent' },
  // booking: a booking is seen and cancelled in the account it was made in, in no mandate theme
  'GET /back-office/authorities/:slug/bookings': { audience: 'agent' },
  'GET /back-office/authorities/:slug/bookings/resources/new': { audience: 'designer' },
  'POST /back-office/authorities/:slug/bookings/resources/new': { audience: 'designer' },
  'GET /back-office/authorities/:slug/bookings/resources/:id/edit': { audience: 'designer' },
  'POST /back-office/authorities/:slug/bookings/resources/:id/edit': { audience: 'designer' },
  'GET /back-office/authorities/:slug/bookings/resources/:id': {
    audience: 'agent',
  },
  'POST /back-office/authorities/:slug/bookings/resources/:id/block': {
    audience: 'agent',
  },
  'POST /back-office/authorities/:slug/bookings/resources/:id/closures': {
    audience: 'agent',
  },
  'POST /back-office/authorities/:slug/bookings/:id/decide': {
    audience: 'agent',
  },
  'GET /booking/resources/:id/book': { audience: 'self' },
  'POST /booking/resources/:id/book': { audience: 'self' },
  'GET /bookings': { audience: 'self' },
  'GET /bookings/:id': { audience: 'holder' },
  'POST /bookings/:id/cancel': { audience: 'holder' },
  // tax: the account in use's own file in the tax system, in the tax theme
  'GET /tax/documents': { audience: 'selfOrRep' },
  'GET /tax/documents/:id': { audience: 'holderOrRep', params: { id: 'taxDocument' } },
  'GET /tax/situation': { audience: 'selfOrRep' },
  'GET /tax/situation/invoices/:number/qr-bill': {
    audience: 'holderOrRep',
    params: { number: 'taxInvoice' },
  },
  // narcotics: the pharmacy in use, and the authority that receives the statements (N)
  // anyone is told whether the account in use is a pharmacy they may act for, and nothing else
  'GET /narcotics': { audience: 'person' },
  // the pharmacy's owner names themself again
  'POST /narcotics/responsible': { audience: 'pharmacy', body: { personId: '@pharmacy' } },
  'GET /narcotics/:month': { audience: 'pharmacy', params: { month: 'sub' } },
  'POST /narcotics/:month': { audience: 'pharmacy', params: { month: 'sub' } },
  'POST /narcotics/:month/import': { audience: 'pharmacy', params: { month: 'sub' } },
  ...servedOnlyAt('N', 'agent', [
    'GET /back-office/authorities/:slug/narcotics',
    'POST /back-office/authorities/:slug/narcotics/settings',
    'POST /back-office/authorities/:slug/narcotics/remind',
    'GET /back-office/authorities/:slug/narcotics/alerts.csv',
    'GET /back-office/authorities/:slug/narcotics/totals.csv',
  ]),
  'GET /api/v1/narcotics-statements/:id': { audience: 'key' },
  // a month the register received on paper, for the pharmacy of the register's simulator
  'POST /api/v1/narcotics-statements': {
    audience: 'key',
    onlyAt: 'N',
    json: { month: '2025-10', pharmacy: { uid: 'CHE123456788', name: 'Pharmacie du Rhône SA' }, lines: [] },
  },
  // health register: the account in use's own entry
  // (everyone may read how to announce a change; the page says when there is no entry)
  'GET /health-register': { audience: 'inHealthRegister' },
  'GET /health-register/start': { audience: 'selfOrRep' },
  'POST /health-register/changes': { audience: 'inHealthRegister' },
};

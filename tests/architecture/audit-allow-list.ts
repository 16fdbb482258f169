/**
 * Exported domain functions that change data without going through `audited`/`auditedTx`, each with
 * the one line that says why. The test fails on a writer missing from here and on an entry that no
 * longer applies (gone, renamed, or now audited).
 */
export const notSensitive: Record<string, string> = {
  'src/modules/accounts/access-log.ts#recordAccess': "is itself a trail: the holder's log of who read what",
  'src/modules/indicators/record.ts#recordIndicator':
    'an anonymous count (page seen, step reached): nobody named',
  'src/modules/indicators/record.ts#recordEmittedEvent':
    'an anonymous count of a fact already audited where it happened (submitted, decided, paid)',
  'src/modules/indicators/record.ts#formCompletedCall':
    'an anonymous count, made in the statement of the submission it counts (audited there)',
  'src/modules/indicators/satisfaction.ts#answerSurvey': 'an anonymous rating, tied to no person',
  'src/modules/cases/cases.ts#recordEvent':
    "a request's timeline entry, written inside the audited transaction of the change it records",
  'src/modules/cases/move-request.ts#changeStatus':
    'the status write of a move, called only inside the audited transaction of that move',
  'src/modules/catalogue/search.ts#reindexService':
    'search index derived from a service version whose change is audited',
  'src/modules/catalogue/search.ts#unindexService':
    'search index derived from a service whose withdrawal is audited',
  'src/modules/catalogue/search-freshness.ts#recordSearchChange':
    "search's change counter, written inside the audited transaction of the change it announces",
  'src/modules/documents/blob-store.ts#createBlobStore':
    'encrypted bytes under a document row whose publication is audited',
  'src/modules/documents/documents.ts#markDocumentRead':
    'read receipt; the reading itself is in the access log',
  'src/modules/documents/documents.ts#remindUnread': 'reminder and postal-letter bookkeeping of a job',
  'src/modules/documents/sealing.ts#completeSealing':
    "an issued document's sealed bytes, called only inside the audited transaction of its sealing",
  'src/modules/documents/sealing.ts#recordRevocation':
    'the holder-side mark of a revocation, called only inside the audited revocation',
  'src/modules/forms/receipt.ts#issueReceipt':
    'links a submission to its receipt, issued (audited) in the same transaction',
  'src/modules/forms/capture/capture-pages.ts#addPage':
    'a page waiting in a draft, private to its author; sending the draft is audited',
  'src/modules/forms/capture/capture-pages.ts#movePage': 'the order of pages waiting in a draft',
  'src/modules/forms/capture/capture-pages.ts#deletePage': 'a page waiting in a draft, removed by its author',
  'src/modules/forms/capture/capture-pages.ts#clearPages':
    'pages made into a document (the phone’s sending is audited, in sendFromPhone)',
  'src/modules/forms/capture/capture-tokens.ts#openCapture':
    "a phone link's one-time token for the person's own draft; what the phone sends is audited",
  'src/modules/forms/capture/capture-tokens.ts#exchangeCode':
    "a phone link's short code swapped for a new token; what the phone sends is audited",
  'src/modules/forms/capture/capture-tokens.ts#closeCapture':
    'called inside the audited transaction of the phone’s sending (sendFromPhone)',
  'src/modules/forms/drafts.ts#startDraft':
    'a draft of answers, private to its author until it is sent (audited)',
  'src/modules/forms/drafts.ts#saveAnswers': 'autosave of a draft; sending it is audited',
  'src/modules/forms/drafts.ts#storeFile': 'a file sealed into a draft; sending the draft is audited',
  'src/modules/forms/forms.ts#setFormTheme':
    "the form's mandate theme, copied from the catalogue service whose publication is audited",
  'src/modules/messaging/threads.ts#markRead': 'read marks of a thread',
  'src/modules/integration/api-key-auth.ts#apiClientFromHeader':
    "a key's last-used time, at most once a minute; the key's creation and revocation are audited",
  'src/modules/integration/webhooks/publish-event.ts#publishEvent':
    'delivery bookkeeping of an event emitted inside the audited transaction of its fact',
  'src/modules/integration/webhooks/delivery-log.ts#sendTestEvent':
    'a test event to the authority’s own endpoint, logged in its delivery log',
  'src/modules/identity/email-tokens.ts#issueEmailToken':
    "a link's one-time token; what the link does is audited",
  'src/modules/identity/email-tokens.ts#consumeEmailToken':
    'uses a one-time token up; what it allows is audited',
  'src/modules/identity/local-means.ts#checkTotp': "second factor's replay counter (last step used)",
  'src/modules/identity/mobile-verification.ts#startMobileVerification':
    'a pending code; the verified number is audited',
  'src/modules/identity/openid-provider/postgres-adapter.ts#postgresAdapter':
    "the OpenID provider's protocol artefacts",
  'src/modules/identity/openid-provider/postgres-adapter.ts#signingKeys':
    "the OpenID provider's own key, made once",
  'src/modules/identity/openid-provider/postgres-adapter.ts#purgeExpiredOidcPayloads':
    'expired protocol artefacts',
  'src/modules/identity/organisations.ts#upsertOrganisation': 'copy of a public commercial-register entry',
  'src/modules/identity/passkeys.ts#authenticateWithPasskey': "passkey's signature counter and last use",
  'src/modules/identity/persons.ts#touchLink': "identity link's last-use time",
  'src/modules/notifications/delivery-reports.ts#firstReport':
    "replay guard: the nonce of a gateway's receipt, kept until it expires",
  'src/modules/notifications/delivery-reports.ts#forgetReport': 'replay guard: drops expired receipt nonces',
  'src/modules/payments/ledger.ts#recordMoneyEvent':
    'an append-only ledger row, written in the transaction of the (audited) change it records',
  'src/modules/payments/payments.ts#recordEvent':
    'log of the exchanges with the provider, not a change of the payment',
  'src/modules/payments/webhook-deliveries.ts#firstDelivery':
    "replay guard: a webhook's signature, kept until it expires",
  'src/modules/payments/webhook-deliveries.ts#forgetDelivery':
    'replay guard: drops expired webhook signatures',
  'src/modules/payments/webhook-deliveries.ts#processedDelivery':
    'marks a webhook signature processed, after the audited settlement it led to',
  'src/modules/notifications/outbox.ts#notify':
    'delivery bookkeeping, inside the transaction of an audited change',
  'src/modules/notifications/outbox.ts#deliver': 'delivery bookkeeping of a job',
  'src/modules/notifications/outbox.ts#recordDeliveryReport': "delivery bookkeeping: the gateway's receipt",
  'src/modules/notifications/outbox.ts#markRead': 'read marks in the in-portal list',
  'src/modules/notifications/push-subscriptions.ts#vapidKeys': "the platform's push key pair, made once",
  'src/modules/notifications/push-subscriptions.ts#sendPush':
    'drops subscriptions the push service says are gone',
};

/** Files calling `appendAuditEvent` by hand instead of a wrapper: none may (it is private to the audit module). */
export const handCalls: string[] = [];

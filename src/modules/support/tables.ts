import type { Generated } from 'kysely';
import type { LocalisedText } from '../../platform/i18n/locales.ts';

export type TicketState = 'new' | 'open' | 'waitingRequester' | 'closed';
export type TicketSide = 'requester' | 'support' | 'authority' | 'note';

export interface SupportTables {
  support_faq: {
    id: Generated<string>;
    /** The service (catalogue slug) it answers for; null for questions about the portal itself. */
    service_slug: string | null;
    question: LocalisedText;
    answer: LocalisedText;
    position: Generated<number>;
  };
  support_tickets: {
    id: Generated<string>;
    reference: string;
    kind: 'question' | 'feedback';
    state: Generated<TicketState>;
    subject: string;
    /** Where the person was when they asked: page, service, request, browser. */
    page: string | null;
    service_slug: string | null;
    request_reference: string | null;
    browser: string | null;
    language: 'fr' | 'de' | 'en';
    /** Logged in: answered in the portal (secure messaging); otherwise by e-mail. */
    requester_person_id: string | null;
    requester_account_id: string | null;
    requester_email: string | null;
    requester_name: string;
    /** The support desk (the canton) until handed over to the authority owning the service. */
    handler_authority_id: string;
    desk_authority_id: string;
    assignee_person_id: string | null;
    assignee_name: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  support_replies: {
    id: Generated<string>;
    ticket_id: string;
    side: TicketSide;
    author_name: string;
    body: string;
    created_at: Generated<Date>;
  };
}

import type { Generated } from 'kysely';

export interface MessagingTables {
  message_threads: {
    id: Generated<string>;
    authority_id: string;
    account_id: string;
    subject: string;
    assignee_person_id: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    /** When each side last read the thread: newer messages of the other side are unread. */
    citizen_read_at: Date | null;
    authority_read_at: Date | null;
    /** Started by a representative: the mandate it was under, and who; they follow it while it lasts. */
    mandate_id: string | null;
    agent_person_id: string | null;
  };
  messages: {
    id: Generated<string>;
    thread_id: string;
    side: 'citizen' | 'authority';
    author_person_id: string;
    author_name: string;
    body: string;
    document_id: string | null;
    created_at: Generated<Date>;
  };
}

import type { Generated } from 'kysely';
import type { StaffRole } from '../../platform/http/access.ts';
import type { Locale, LocalisedText } from '../../platform/i18n/locales.ts';
import type { AuthorityContact } from './contact.ts';

export type AuthorityKind = 'canton' | 'cantonal_service' | 'commune';

export interface AuthoritiesTables {
  authorities: {
    id: Generated<string>;
    slug: string;
    kind: AuthorityKind;
    parent_id: string | null;
    names: LocalisedText;
    languages: Locale[];
    logo: string | null;
    primary_colour: string;
    primary_text_colour: string;
    accent_colour: string;
    contact: AuthorityContact | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  authority_staff: {
    authority_id: string;
    person_id: string;
    role: StaffRole;
    added_at: Generated<Date>;
  };
}

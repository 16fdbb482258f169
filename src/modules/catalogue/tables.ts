import type { Generated } from 'kysely';
import type { ServiceContent } from './service-content.ts';

export type ServiceState = 'draft' | 'published' | 'withdrawn';

export interface CatalogueTables {
  catalogue_services: {
    id: Generated<string>;
    slug: string;
    authority_id: string;
    state: Generated<ServiceState>;
    latest_version: number;
    published_version: number | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  catalogue_service_versions: {
    service_id: string;
    version: number;
    content: ServiceContent;
    saved_by: string;
    saved_at: Generated<Date>;
  };
  catalogue_search: {
    service_id: string;
    authority_id: string;
    communal: boolean;
    document: unknown;
  };
  catalogue_search_generation: { one: Generated<boolean>; generation: number };
  catalogue_search_changes: { generation: number; service_id: string | null };
  catalogue_synonyms: {
    id: Generated<string>;
    terms: string[];
    created_by: string;
    created_at: Generated<Date>;
  };
}

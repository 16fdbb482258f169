import { usePage } from '../page-context.ts';

/** The hidden token every state-changing form carries; the router refuses a POST without it. */
export function CsrfField() {
  return <input type="hidden" name="_csrf" value={usePage().csrfToken()} />;
}

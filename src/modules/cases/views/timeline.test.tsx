import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../cases.ts';
import { defaultWorkflow } from '../workflow.ts';
import { Timeline } from './timeline.tsx';

const decision: CaseEvent = {
  id: 'e1',
  case_id: 'c1',
  at: new Date('2026-12-01T09:00:00Z'),
  actor: 'person:1',
  actor_name: 'Luc Fournier',
  kind: 'decision',
  from_status: null,
  to_status: null,
  text: null,
  internal: false,
  document_id: 'd1',
};

const timeline = (audience: 'citizen' | 'staff', locale: 'fr' | 'de' | 'en') =>
  String(
    <Timeline
      locale={locale}
      workflow={defaultWorkflow}
      events={[decision]}
      audience={audience}
      documentHref={(id) => `/x/${id}`}
    />,
  );

describe("a decision's link in a request's history", () => {
  it.each([
    ['fr', 'Voir la décision</a>'],
    ['de', 'Entscheid ansehen</a>'],
    ['en', 'See the decision</a>'],
  ] as const)('for staff (%s) does not speak of "my documents": %s', (locale, text) => {
    const html = timeline('staff', locale);
    expect(html).toContain(text);
    expect(html).not.toMatch(/mes documents|meinen Dokumenten|my documents/);
  });

  it('for the requester leads to their documents', () => {
    expect(timeline('citizen', 'fr')).toContain('Voir la décision dans mes documents</a>');
  });
});

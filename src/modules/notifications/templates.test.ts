import { describe, expect, it } from 'vitest';
import { defaultTemplate, render } from './templates.ts';

describe('notification templates', () => {
  it('name the request they are about by its reference, in every channel, and nothing more', () => {
    const values = {
      authority: 'Service des poursuites',
      account: 'Léa Roh',
      link: 'https://g.ch/requests/1',
    };
    for (const channel of ['email', 'sms', 'push'] as const) {
      const told = render(defaultTemplate(channel, 'fr'), {
        ...values,
        event: 'requestStatus',
        reference: '2026-000123',
        locale: 'fr',
      });
      expect(`${told.subject} ${told.body}`).toContain('Une nouvelle étape de votre demande 2026-000123');
    }
    const message = render(defaultTemplate('email', 'de'), {
      ...values,
      event: 'newMessage',
      reference: '2026-000123',
      locale: 'de',
    });
    expect(message.subject).toContain('Eine neue Nachricht (Gesuch 2026-000123)');
    const unrelated = render(defaultTemplate('email', 'en'), {
      ...values,
      event: 'newDocument',
      locale: 'en',
    });
    expect(unrelated.subject).toBe('Service des poursuites: A new document awaits you');
  });
});

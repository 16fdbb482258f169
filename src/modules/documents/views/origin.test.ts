import { describe, expect, it } from 'vitest';
import { documentMessages } from '../messages.ts';
import { originText } from './origin.ts';

const t = documentMessages.translator('en');
const holder = { personId: 'holder', underMandate: false };
const agent = { personId: 'agent', underMandate: true };
const sent = (personId: string, mandateId: string | null, name = 'Anna Test') => ({
  sent_by_person_id: personId,
  sent_by_name: name,
  sent_by_mandate_id: mandateId,
});

describe('where a document comes from', () => {
  it('says the authority issued it only when nobody of the account sent it', () => {
    const issued = { sent_by_person_id: null, sent_by_name: null, sent_by_mandate_id: null };
    expect(originText(t, issued, holder, 'SPF')).toBe('Issued by SPF');
    expect(originText(t, sent('holder', null), holder, 'SPF')).toBe('Sent by you to SPF');
  });

  it('names the representative to the holder, and the sender to everyone else', () => {
    expect(originText(t, sent('agent', 'm1'), holder, 'SPF')).toBe(
      'Sent by your representative Anna Test to SPF',
    );
    expect(originText(t, sent('agent', 'm1'), agent, 'SPF')).toBe('Sent by you to SPF');
    expect(originText(t, sent('other', 'm2', 'Marc'), agent, 'SPF')).toBe(
      'Sent by Marc (representative) to SPF',
    );
    expect(originText(t, sent('holder', null, 'Claire Test'), agent, 'SPF')).toBe(
      'Sent by Claire Test to SPF',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { readLeadingFields } from './form-token.ts';

/** A multipart request as a browser sends a form: its fields in the order given. */
function multipart(fields: [string, string | File][]) {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  return new Request('http://localhost/post', { method: 'POST', body });
}

describe('the fields at the head of a multipart body', () => {
  it('are read up to the first file, and the body is given back whole for the handler', async () => {
    const photo = new File(['89504e47'], 'photo.png', { type: 'image/png' });
    const request = multipart([
      ['_csrf', 'v1.token'],
      ['_kept', '1'],
      ['note', 'Rue du Rhône 12'],
      ['photo', photo],
      ['after', 'not read'],
    ]);
    const read = await readLeadingFields(request, ['_csrf', '_kept', 'after']);
    expect(read.values).toEqual({ _csrf: 'v1.token', _kept: '1' });
    const whole = await read.request.formData();
    expect(whole.get('note')).toBe('Rue du Rhône 12');
    expect(await (whole.get('photo') as File).text()).toBe('89504e47');
    expect(whole.get('after')).toBe('not read');
  });

  it('leave out a name the form does not carry', async () => {
    const read = await readLeadingFields(
      multipart([
        ['_csrf', 'v1.token'],
        ['note', 'x'],
      ]),
      ['_csrf', '_kept'],
    );
    expect(read.values).toEqual({ _csrf: 'v1.token' });
    expect((await read.request.formData()).get('note')).toBe('x');
  });
});

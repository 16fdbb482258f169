import { describe, expect, it } from 'vitest';
import { InLanguage } from './in-language.tsx';

describe('a stored text in the page', () => {
  it('is plain in the page’s language, and marked with its own language when it falls back', () => {
    expect(String(<InLanguage text={{ fr: 'Chiens', en: 'Dogs' }} locale="en" />)).toBe('Dogs');
    expect(String(<InLanguage text={{ fr: 'Chiens' }} locale="en" />)).toBe('<span lang="fr">Chiens</span>');
    expect(String(<InLanguage text={{ fr: 'Sion', de: 'Sitten' }} locale="en" fallbacks={['de']} />)).toBe(
      '<span lang="de">Sitten</span>',
    );
  });
});

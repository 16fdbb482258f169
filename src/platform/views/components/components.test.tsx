import { describe, expect, it } from 'vitest';
import { locales } from '../../i18n/locales.ts';
import { examplePageContext, PageContextProvider } from '../page-context.ts';
import { Breadcrumbs } from './breadcrumbs.tsx';
import { componentCatalogue } from './catalogue.ts';
import { Tag } from './tag.tsx';

async function render(locale: (typeof locales)[number], example: () => unknown) {
  const html = (
    <PageContextProvider.Provider value={examplePageContext(locale)}>
      {example() as never}
    </PageContextProvider.Provider>
  );
  return html.toString();
}

describe('shared components', () => {
  it.each(locales)('render every example in %s, with their texts in that language', async (locale) => {
    for (const [name, examples] of Object.entries(componentCatalogue)) {
      for (const example of examples) {
        const html = await render(locale, example);
        expect(html, name).not.toMatch(/undefined|\[object Object\]/);
        expect(html.length, name).toBeGreaterThan(20);
      }
    }
    const summary = await render(locale, componentCatalogue.ErrorSummary?.[0] ?? (() => null));
    expect(summary).toContain(examplePageContext(locale).t('errorSummaryTitle'));
  });

  it('ties hints and errors to their input', async () => {
    const html = await render('fr', componentCatalogue.TextInput?.[1] ?? (() => null));
    expect(html).toContain('aria-describedby="example-avs-hint example-avs-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('<label class="field__label" for="example-avs">');
  });

  it('links a page’s only breadcrumb, its parent, rather than calling it the current page', async () => {
    const html = await render('fr', () => (
      <Breadcrumbs items={[{ label: 'Toutes les démarches', href: '/services' }]} />
    ));
    expect(html).toContain('<a href="/services">Toutes les démarches</a>');
    expect(html).not.toContain('aria-current');
  });

  it('escapes what it is given', async () => {
    expect(await render('fr', () => <Tag>{'<script>alert(1)</script>'}</Tag>)).toContain('&lt;script&gt;');
  });
});

import type { NewAuthority } from './create-authority.ts';

const cantonPalette = { primary: '#b4001e', primaryText: '#ffffff', accent: '#1d1d1b' };

/** The demo canton: Valais, four of its services, and communes of each language region. */
export const demoAuthorities: NewAuthority[] = [
  {
    slug: 'valais',
    kind: 'canton',
    names: { fr: 'Canton du Valais', de: 'Kanton Wallis', en: 'Canton of Valais' },
    languages: ['fr', 'de'],
    logo: 'authorities/valais.svg',
    palette: cantonPalette,
  },
  ...[
    [
      'spf',
      'Service des poursuites et faillites',
      'Dienststelle für Betreibungs- und Konkurswesen',
      'Debt Enforcement and Bankruptcy Service',
    ],
    [
      'scc',
      'Service cantonal des contributions',
      'Kantonale Steuerverwaltung',
      'Cantonal Tax Administration',
    ],
    ['ssp', 'Service de la santé publique', 'Dienststelle für Gesundheitswesen', 'Public Health Service'],
    [
      'san',
      'Service de l’administration numérique',
      'Dienststelle für digitale Verwaltung',
      'Digital Administration Service',
    ],
  ].map(
    ([slug, fr, de, en]): NewAuthority => ({
      slug: slug as string,
      kind: 'cantonal_service',
      parentSlug: 'valais',
      names: { fr: fr as string, de, en },
      languages: ['fr', 'de'],
      palette: cantonPalette,
    }),
  ),
  {
    slug: 'sion',
    kind: 'commune',
    parentSlug: 'valais',
    names: { fr: 'Sion', de: 'Sitten', en: 'Sion' },
    languages: ['fr'],
    logo: 'authorities/sion.svg',
    palette: { primary: '#a6192e', primaryText: '#ffffff', accent: '#3d3d3d' },
  },
  {
    slug: 'brig-glis',
    kind: 'commune',
    parentSlug: 'valais',
    names: { fr: 'Brigue-Glis', de: 'Brig-Glis', en: 'Brig-Glis' },
    languages: ['de'],
    logo: 'authorities/brig-glis.svg',
    palette: { primary: '#004b87', primaryText: '#ffffff', accent: '#002b4e' },
  },
  {
    slug: 'sierre',
    kind: 'commune',
    parentSlug: 'valais',
    names: { fr: 'Sierre', de: 'Siders', en: 'Sierre' },
    languages: ['fr', 'de'],
    logo: 'authorities/sierre.svg',
    palette: { primary: '#00594f', primaryText: '#ffffff', accent: '#1d1d1b' },
  },
];

import type { AuthorityContact } from './contact.ts';
import type { NewAuthority } from './create-authority.ts';

// Demo contacts: addresses in the right towns, numbers in an unassigned range, mail on `.example`.
const officeHours = (fr: string, de: string, en: string) => ({ fr, de, en });
const weekdays = officeHours(
  'Du lundi au vendredi, 8 h 00 – 11 h 30 et 14 h 00 – 17 h 00',
  'Montag bis Freitag, 8.00–11.30 und 14.00–17.00 Uhr',
  'Monday to Friday, 8:00–11:30 and 14:00–17:00',
);
function contact(address: string[], phone: string, email: string, hours = weekdays): AuthorityContact {
  return { address, phone, email, hours };
}

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
    contact: contact(
      ['Chancellerie d’État', 'Place de la Planta 3', '1950 Sion'],
      '027 000 01 00',
      'guichet@valais.example',
    ),
  },
  ...[
    [
      'spf',
      'Service des poursuites et faillites',
      'Dienststelle für Betreibungs- und Konkurswesen',
      'Debt Enforcement and Bankruptcy Service',
      'Avenue de la Gare 39',
      '11',
    ],
    [
      'scc',
      'Service cantonal des contributions',
      'Kantonale Steuerverwaltung',
      'Cantonal Tax Administration',
      'Avenue de la Gare 35',
      '12',
    ],
    [
      'ssp',
      'Service de la santé publique',
      'Dienststelle für Gesundheitswesen',
      'Public Health Service',
      'Avenue du Midi 7',
      '13',
    ],
    [
      'san',
      'Service de l’administration numérique',
      'Dienststelle für digitale Verwaltung',
      'Digital Administration Service',
      'Rue de Conthey 15',
      '14',
    ],
  ].map(
    ([slug, fr, de, en, street, line]): NewAuthority => ({
      slug: slug as string,
      kind: 'cantonal_service',
      parentSlug: 'valais',
      names: { fr: fr as string, de: de as string, en: en as string },
      languages: ['fr', 'de'],
      palette: cantonPalette,
      contact: contact(
        [fr as string, street as string, '1950 Sion'],
        `027 000 ${line} 00`,
        `${slug}@valais.example`,
      ),
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
    contact: contact(
      ['Administration communale', 'Rue du Grand-Pont 12', '1950 Sion'],
      '027 000 21 00',
      'guichet@sion.example',
    ),
  },
  {
    slug: 'brig-glis',
    kind: 'commune',
    parentSlug: 'valais',
    names: { fr: 'Brigue-Glis', de: 'Brig-Glis', en: 'Brig-Glis' },
    languages: ['de'],
    logo: 'authorities/brig-glis.svg',
    palette: { primary: '#004b87', primaryText: '#ffffff', accent: '#002b4e' },
    contact: contact(
      ['Stadtverwaltung', 'Alte Simplonstrasse 28', '3900 Brig'],
      '027 000 22 00',
      'schalter@brig-glis.example',
      officeHours(
        'Du lundi au vendredi, 8 h 00 – 12 h 00 et 13 h 30 – 17 h 00',
        'Montag bis Freitag, 8.00–12.00 und 13.30–17.00 Uhr',
        'Monday to Friday, 8:00–12:00 and 13:30–17:00',
      ),
    ),
  },
  {
    slug: 'sierre',
    kind: 'commune',
    parentSlug: 'valais',
    names: { fr: 'Sierre', de: 'Siders', en: 'Sierre' },
    languages: ['fr', 'de'],
    logo: 'authorities/sierre.svg',
    palette: { primary: '#00594f', primaryText: '#ffffff', accent: '#1d1d1b' },
    contact: contact(
      ['Hôtel de Ville', 'Place de l’Hôtel-de-Ville 1', '3960 Sierre'],
      '027 000 23 00',
      'guichet@sierre.example',
    ),
  },
];

import type { Authority } from '../authorities/index.ts';

/** The stable public addresses of the open data (docs/open-data.md). */
export const openDataPaths = {
  page: '/open-data',
  catalogue: '/open-data/catalogue.jsonld',
  csv: '/open-data/indicators.csv',
  json: '/open-data/indicators.json',
} as const;

const context = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

type Texts = { fr: string; de: string; en: string };
const texts = (t: Texts) => (['fr', 'de', 'en'] as const).map((l) => ({ '@value': t[l], '@language': l }));
const dateTime = (d: Date) => ({ '@value': d.toISOString(), '@type': 'xsd:dateTime' });
const iri = (id: string) => ({ '@id': id });

const title: Texts = {
  fr: 'Indicateurs des prestations en ligne',
  de: 'Kennzahlen der Online-Dienstleistungen',
  en: 'Indicators of the online services',
};
const description: Texts = {
  fr: 'Agrégats mensuels par prestation et par autorité : consultations, formulaires commencés et abandonnés, demandes déposées (en ligne ou par le personnel), décidées et délais de traitement, paiements, satisfaction. Les nombres de 1 à 4 sont omis.',
  de: 'Monatliche Aggregate pro Dienstleistung und Behörde: Aufrufe, begonnene und abgebrochene Formulare, eingereichte (online oder durch das Personal), entschiedene Gesuche und Bearbeitungszeiten, Zahlungen, Zufriedenheit. Zahlen von 1 bis 4 werden weggelassen.',
  en: 'Monthly aggregates per service and authority: page views, forms started and abandoned, requests submitted (online or by staff), decided and processing times, payments, satisfaction. Counts from 1 to 4 are left out.',
};

/**
 * The DCAT-AP CH catalogue of the open data, as JSON-LD: one dataset, its CSV and JSON
 * distributions. Its shapes are written down in docs/open-data/dcat-ap-ch.shapes.ttl.
 */
export function dcatCatalogue(base: string, canton: Authority, period: { issued: Date; modified: Date }) {
  const publisher = {
    '@type': 'foaf:Organization',
    'foaf:name': texts({
      fr: canton.names.fr ?? canton.slug,
      de: canton.names.de ?? canton.slug,
      en: canton.names.en ?? canton.names.fr ?? canton.slug,
    }),
  };
  const distribution = (path: string, format: 'CSV' | 'JSON', mediaType: string) => ({
    '@id': `${base}${path}#distribution`,
    '@type': 'dcat:Distribution',
    'dct:identifier': format.toLowerCase(),
    'dct:title': texts({
      fr: `${title.fr} (${format})`,
      de: `${title.de} (${format})`,
      en: `${title.en} (${format})`,
    }),
    'dcat:accessURL': iri(`${base}${path}`),
    'dcat:downloadURL': iri(`${base}${path}`),
    'dcat:mediaType': iri(`https://www.iana.org/assignments/media-types/${mediaType}`),
    'dct:format': iri(`http://publications.europa.eu/resource/authority/file-type/${format}`),
    'dct:license': iri('http://dcat-ap.ch/vocabulary/licenses/terms_by'),
    'dct:issued': dateTime(period.issued),
    'dct:modified': dateTime(period.modified),
  });
  return {
    '@context': context,
    '@id': `${base}${openDataPaths.catalogue}`,
    '@type': 'dcat:Catalog',
    'dct:title': texts({
      fr: 'Données ouvertes du guichet',
      de: 'Offene Daten des Schalters',
      en: 'Open data of the portal',
    }),
    'dct:description': texts(description),
    'dct:publisher': publisher,
    'dct:language': ['FRA', 'DEU', 'ENG'].map((l) =>
      iri(`http://publications.europa.eu/resource/authority/language/${l}`),
    ),
    'dcat:dataset': [
      {
        '@id': `${base}${openDataPaths.page}#indicators`,
        '@type': 'dcat:Dataset',
        'dct:identifier': `guichet-indicators@${canton.slug}`,
        'dct:title': texts(title),
        'dct:description': texts(description),
        'dct:publisher': publisher,
        'dcat:contactPoint': {
          '@type': 'vcard:Organization',
          'vcard:fn': canton.names.fr ?? canton.slug,
          'vcard:hasEmail': iri(`mailto:${canton.contact?.email ?? `opendata@${new URL(base).hostname}`}`),
        },
        'dct:issued': dateTime(period.issued),
        'dct:modified': dateTime(period.modified),
        'dct:accrualPeriodicity': iri('http://publications.europa.eu/resource/authority/frequency/MONTHLY'),
        'dcat:theme': iri('http://publications.europa.eu/resource/authority/data-theme/GOVE'),
        'dcat:keyword': texts({ fr: 'cyberadministration', de: 'E-Government', en: 'e-government' }),
        'dcat:landingPage': iri(`${base}${openDataPaths.page}`),
        'dcat:distribution': [
          distribution(openDataPaths.csv, 'CSV', 'text/csv'),
          distribution(openDataPaths.json, 'JSON', 'application/json'),
        ],
      },
    ],
  };
}

import { readFile } from 'node:fs/promises';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLdQuads } from '../../../tests/support/json-ld.ts';
import { createRequestForm } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { openDataPaths } from './dcat.ts';
import { recordIndicator } from './record.ts';

/** Read five weeks on: this month is over, and so published. */
const later = new Date(Date.now() + 35 * 86_400_000);
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let few = '';
let many = '';

beforeAll(async () => {
  testApp = await createTestApp({ now: () => later });
  const { db } = testApp.database;
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  few = (await createRequestForm(db, sion, 'Rare')).id;
  many = (await createRequestForm(db, sion, 'Courante')).id;
  for (let i = 0; i < 4; i++)
    await recordIndicator(db, { kind: 'page_viewed', authorityId: sion, formId: few });
  for (let i = 0; i < 7; i++)
    await recordIndicator(db, { kind: 'page_viewed', authorityId: sion, formId: many });
});
afterAll(() => testApp?.close());

async function validate(catalogue: Record<string, never>) {
  const shapes = new Store(
    new Parser().parse(await readFile('docs/open-data/dcat-ap-ch.shapes.ttl', 'utf8')),
  );
  return new SHACLValidator(shapes).validate(new Store(jsonLdQuads(catalogue)));
}

describe('open data', () => {
  it('publishes monthly counts per service, leaving out counts from 1 to 4', async () => {
    const csv = await (await testApp.app.request(openDataPaths.csv)).text();
    const [head, ...lines] = csv.trim().split('\r\n');
    const columns = head?.split(',') ?? [];
    const views = (service: string) =>
      lines.map((l) => l.split(',')).find((cells) => cells[columns.indexOf('service')] === service)?.[
        columns.indexOf('pageViews')
      ];
    expect(views(many)).toBe('7');
    expect(views(few)).toBe('');
    const json = (await (await testApp.app.request(openDataPaths.json)).json()) as {
      service: string;
      pageViews: number | null;
    }[];
    expect(json.find((r) => r.service === few)?.pageViews).toBeNull();
    expect(json.find((r) => r.service === many)?.pageViews).toBe(7);
  });

  it('describes them in a DCAT-AP CH catalogue that conforms to the documented shapes', async () => {
    const response = await testApp.app.request(openDataPaths.catalogue);
    expect(response.headers.get('content-type')).toContain('application/ld+json');
    const catalogue = (await response.json()) as Record<string, never>;
    const report = await validate(catalogue);
    expect(report.results.map((r) => `${r.path?.value}: ${r.message}`)).toEqual([]);
    expect(report.conforms).toBe(true);
    // The shapes do check: a dataset without its contact point and a distribution without a licence fail.
    const broken = JSON.parse(JSON.stringify(catalogue));
    delete broken['dcat:dataset'][0]['dcat:contactPoint'];
    delete broken['dcat:dataset'][0]['dcat:distribution'][0]['dct:license'];
    const refused = await validate(broken);
    expect(refused.conforms).toBe(false);
    expect(refused.results.map((r) => r.path?.value).sort()).toEqual([
      'http://purl.org/dc/terms/license',
      'http://www.w3.org/ns/dcat#contactPoint',
    ]);
  });
});

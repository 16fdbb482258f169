import type { Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';

const { namedNode, blankNode, literal, quad } = DataFactory;
const rdfType = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
const xsd = 'http://www.w3.org/2001/XMLSchema#';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * The RDF of a JSON-LD document whose context only declares prefixes (as Guichet's catalogue does):
 * compact IRIs in keys, `@type` and `@id`; values as strings, numbers, `@value` objects with
 * `@language` or `@type`, `{ "@id" }` references and nested nodes (blank unless they have an `@id`).
 * Anything else (terms, `@vocab`, lists, `@graph`) is refused rather than read wrongly.
 */
export function jsonLdQuads(document: Record<string, Json>): Quad[] {
  const context = (document['@context'] ?? {}) as Record<string, Json>;
  for (const value of Object.values(context))
    if (typeof value !== 'string') throw new Error('only prefix definitions are read in @context');
  const expand = (compact: string) => {
    const colon = compact.indexOf(':');
    const prefix = colon > 0 ? context[compact.slice(0, colon)] : undefined;
    if (typeof prefix === 'string') return prefix + compact.slice(colon + 1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(compact)) return compact;
    throw new Error(`not an IRI: ${compact}`);
  };
  const quads: Quad[] = [];
  const node = (object: Record<string, Json>): Term => {
    const subject = typeof object['@id'] === 'string' ? namedNode(expand(object['@id'])) : blankNode();
    for (const [key, raw] of Object.entries(object)) {
      if (key === '@context' || key === '@id') continue;
      const values = Array.isArray(raw) ? raw : [raw];
      if (key === '@type') {
        for (const type of values) quads.push(quad(subject, rdfType, namedNode(expand(String(type)))));
        continue;
      }
      if (key.startsWith('@')) throw new Error(`unsupported keyword ${key}`);
      const predicate = namedNode(expand(key));
      for (const value of values) quads.push(quad(subject, predicate, term(value)));
    }
    return subject;
  };
  const term = (value: Json): Term => {
    if (typeof value === 'string') return literal(value);
    if (typeof value === 'number')
      return literal(String(value), namedNode(`${xsd}${Number.isInteger(value) ? 'integer' : 'double'}`));
    if (typeof value === 'boolean') return literal(String(value), namedNode(`${xsd}boolean`));
    if (value === null || Array.isArray(value)) throw new Error('unsupported value');
    if ('@value' in value) {
      const language = value['@language'];
      const type = value['@type'];
      if (typeof language === 'string') return literal(String(value['@value']), language);
      return literal(String(value['@value']), typeof type === 'string' ? namedNode(expand(type)) : undefined);
    }
    if (Object.keys(value).length === 1 && typeof value['@id'] === 'string')
      return namedNode(expand(value['@id']));
    return node(value);
  };
  node(document);
  return quads;
}

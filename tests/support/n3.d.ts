// n3 ships no types; only what the tests use (RDF/JS terms and datasets).
declare module 'n3' {
  import type { BlankNode, DatasetCore, Literal, NamedNode, Quad, Term } from '@rdfjs/types';
  export const DataFactory: {
    namedNode(iri: string): NamedNode;
    blankNode(name?: string): BlankNode;
    literal(value: string, languageOrDatatype?: string | NamedNode): Literal;
    quad(subject: Term, predicate: Term, object: Term): Quad;
  };
  export class Parser {
    parse(text: string): Quad[];
  }
  export class Store implements DatasetCore {
    constructor(quads?: Quad[]);
    readonly size: number;
    add(quad: Quad): this;
    delete(quad: Quad): this;
    has(quad: Quad): boolean;
    match(
      subject?: Term | null,
      predicate?: Term | null,
      object?: Term | null,
      graph?: Term | null,
    ): DatasetCore;
    [Symbol.iterator](): Iterator<Quad>;
  }
}

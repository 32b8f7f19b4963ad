/**
 * GraphQL plumbing the fake CRMs share: finding a scalar of a schema to install its behaviour, and
 * a bounded cache of parsed and validated documents. How a failed document is answered (status,
 * error codes or classifications) is each CRM's own.
 */
import { GraphQLError, GraphQLScalarType, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

/** The scalar `name` of `schema`; throws (naming `source`, the schema file) when it is missing. */
export function scalar(schema: GraphQLSchema, name: string, source: string): GraphQLScalarType {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLScalarType)) throw new Error(`scalar ${name} missing from ${source}`);
  return type;
}

/** A document ready to execute, or the errors it fails with and where: parsing or validation. */
export type PreparedDocument = DocumentNode | { errors: readonly GraphQLError[]; failedAt: 'parse' | 'validation' };

/** Parsed and validated documents by query text, for one schema; when full it starts over. */
export class DocumentCache {
  private readonly documents = new Map<string, PreparedDocument>();

  constructor(private readonly maxDocuments = 200) {}

  prepare(schema: GraphQLSchema, query: string): PreparedDocument {
    const cached = this.documents.get(query);
    if (cached !== undefined) return cached;
    let prepared: PreparedDocument;
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      prepared = errors.length > 0 ? { errors, failedAt: 'validation' } : document;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      prepared = { errors: [error], failedAt: 'parse' };
    }
    if (this.documents.size >= this.maxDocuments) this.documents.clear();
    this.documents.set(query, prepared);
    return prepared;
  }
}

const parsedDocuments = new Map<string, DocumentNode | null>();

/**
 * A request's document parsed once per distinct text (a bounded cache), or null when it does not
 * parse: for the fakes' limit accounting, which counts what a request asks for before the
 * server refuses or runs it.
 */
export function parseOrNull(query: string): DocumentNode | null {
  let document = parsedDocuments.get(query);
  if (document === undefined) {
    try {
      document = parse(query);
    } catch {
      document = null;
    }
    if (parsedDocuments.size > 1000) parsedDocuments.clear();
    parsedDocuments.set(query, document);
  }
  return document;
}

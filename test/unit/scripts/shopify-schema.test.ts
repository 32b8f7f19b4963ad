import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { buildSchema, parse, printSchema, validate } from 'graphql';
import { PACKAGE_NAME, pruneSchema, renderSchemaFile } from '../../../scripts/shopify-schema.js';
import { DEFAULT_API_VERSION } from '../../../src/connectors/shopify/auth.js';
import { projectRoot } from '../../../src/project-root.js';

const read = (...path: string[]): string => readFileSync(join(projectRoot, ...path), 'utf8');

const FULL = buildSchema(`
  schema { query: QueryRoot }
  interface Node { id: ID! }
  interface HasName { name: String }
  enum Sort { A B C }
  enum Crop { TOP BOTTOM }
  input Transform { crop: Crop, size: Int = 1 }
  scalar URL
  scalar Unused
  type Image implements Node { id: ID! url(transform: Transform): URL! alt: String }
  type Thing implements Node & HasName { id: ID! name: String image: Image! hidden: Unused "old" legacy: String @deprecated(reason: "gone") }
  type ThingConnection { nodes: [Thing!]! pageInfo: PageInfo! }
  type PageInfo { endCursor: String hasNextPage: Boolean! }
  union Anything = Thing | Image
  type QueryRoot { things(first: Int, sort: Sort = A): ThingConnection! other: String anything: Anything }
`);

describe('scripts/shopify-schema.ts', () => {
  describe('pruneSchema', () => {
    const pruned = pruneSchema(
      FULL,
      parse('query Q($n: Int) { things(first: $n) { nodes { id legacy image { url } } pageInfo { hasNextPage } } }'),
    );
    const sdl = printSchema(pruned);

    it('when operations select some fields, then only those fields and the types they reach are kept', () => {
      expect(Object.keys(pruned.getQueryType()!.getFields())).to.deep.equal(['things']);
      expect(sdl).to.include('type Thing {');
      expect(sdl).not.to.match(/\bname: String|hidden|Unused|alt:|endCursor|other/);
    });

    it('when a kept field has arguments, then all of them are kept with their input, enum and scalar types', () => {
      expect(sdl).to.match(/things\(first: Int, sort: Sort = A\)/);
      expect(sdl).to.include('enum Sort {\n  A\n  B\n  C\n}');
      expect(sdl).to.include('input Transform {\n  crop: Crop\n  size: Int = 1\n}');
      expect(sdl).to.include('enum Crop');
    });

    it('when interfaces are not used by the operations, then they and the implements clauses naming them are dropped', () => {
      expect(sdl).not.to.match(/interface|implements/);
    });

    it('when a field is deprecated, then the deprecation is kept', () => {
      expect(sdl).to.include('legacy: String @deprecated(reason: "gone")');
    });

    it('when an operation does not validate against the full schema, then nothing is produced', () => {
      expect(() => pruneSchema(FULL, parse('{ things(first: 1) { nodes { nope } } }'))).to.throw(/do not validate/);
    });

    it('when an operation selects through a union or interface, then the pruner refuses it', () => {
      expect(() => pruneSchema(FULL, parse('{ anything { ... on Thing { id } } }'))).to.throw(/not supported/);
    });
  });

  describe('the committed graphql/shopify/schema.graphql', () => {
    const committed = read('graphql', 'shopify', 'schema.graphql');
    const operations = parse(read('graphql', 'shopify', 'operations.graphql'));
    const schema = buildSchema(committed);

    it('when read, then its header names the package, the file, the API version, the date and the ISC licence', () => {
      const header = committed.slice(0, committed.indexOf('\nschema {'));
      expect(header).to.include(`npm package ${PACKAGE_NAME}@`);
      expect(header).to.include(`dist/data/admin_${DEFAULT_API_VERSION}.json.gz`);
      expect(header).to.include(`Shopify Admin GraphQL API ${DEFAULT_API_VERSION}`);
      expect(header).to.match(/# Retrieved: \d{4}-\d{2}-\d{2}/);
      expect(header).to.match(/# Licence:\s+ISC/);
      expect(header).to.include('Copyright 2025-present, Shopify Inc.');
    });

    it('when the operations are validated against it, then they pass', () => {
      expect(validate(schema, operations)).to.deep.equal([]);
    });

    it('when it is pruned again with the operations, then nothing changes (it is exactly the pruned schema)', () => {
      const body = committed.slice(committed.indexOf('schema {'));
      const again = renderSchemaFile(pruneSchema(schema, operations), {
        packageName: '',
        packageVersion: '',
        licence: '',
        licenceText: '',
        file: '',
        fileSha256: '',
        apiVersion: '',
        retrieved: '',
      });
      expect(again.slice(again.indexOf('schema {'))).to.equal(body);
    });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  BEGIN,
  END,
  checkSchema,
  graphqlTypeOf,
  replaceBlock,
  sampleFields,
  sharedDefinitions,
} from '../../../scripts/salesforce-schema.js';
import { projectRoot } from '../../../src/project-root.js';

const read = (...path: string[]): string => readFileSync(join(projectRoot, ...path), 'utf8');

/** The shapes of the two published files, in miniature. */
const SHARED = `# Common scalar types
scalar String
enum RecordScope @generic {
}

input OrderByClause {
  order: ResultOrder
  nulls: NullOrder
}
`;
const SAMPLE = `export type Contact_Filter = {
\tEmail?: InputMaybe<EmailOperators>;
\tId?: InputMaybe<IdOperators>;
\tPhotoUrl?: InputMaybe<UrlOperators>;
\tand?: InputMaybe<Array<InputMaybe<Contact_Filter>>>;
};

export type IdOperators = {
\teq?: InputMaybe<Scalars["ID"]["input"]>;
\tin?: InputMaybe<Array<InputMaybe<Scalars["ID"]["input"]>>>;
\tinq?: InputMaybe<JoinInput>;
};
`;

describe('scripts/salesforce-schema.ts', () => {
  it('when shared-schema.graphqls declares an empty enum (which does not parse), then the other definitions are still read one by one', () => {
    const defs = sharedDefinitions(SHARED);
    expect([...defs.keys()]).to.deep.equal(['RecordScope', 'OrderByClause']);
    expect(defs.get('OrderByClause')).to.include('order: ResultOrder');
  });

  it("when generated TypeScript field types are read back, then they are GraphQL's, with the acronym names restored", () => {
    expect(graphqlTypeOf('InputMaybe<Scalars["ID"]["input"]>', true)).to.equal('ID');
    expect(graphqlTypeOf('InputMaybe<Array<InputMaybe<Scalars["ID"]["input"]>>>', true)).to.equal('[ID]');
    expect(graphqlTypeOf('Array<Scalars["String"]["input"]>', false)).to.equal('[String!]!');
    expect(graphqlTypeOf('InputMaybe<IdOperators>', true)).to.equal('IDOperators');
    expect(graphqlTypeOf('InputMaybe<UrlOperators>', true)).to.equal('URLOperators');
    expect(() => graphqlTypeOf('InputMaybe<Foo | Bar>', true)).to.throw(/cannot read/);
  });

  it('when an input type is read from the generated TypeScript, then every field comes back in its order', () => {
    expect(sampleFields(SAMPLE, 'IdOperators')).to.deep.equal([
      { name: 'eq', type: 'ID' },
      { name: 'in', type: '[ID]' },
      { name: 'inq', type: 'JoinInput' },
    ]);
    expect(() => sampleFields(SAMPLE, 'Account_Filter')).to.throw(/no type Account_Filter/);
  });

  it('when the block is replaced, then only the text between the markers changes', () => {
    const text = `head\n${BEGIN}\nold\n${END}\ntail\n`;
    expect(replaceBlock(text, `${BEGIN}\nnew\n${END}`)).to.equal(`head\n${BEGIN}\nnew\n${END}\ntail\n`);
    expect(() => replaceBlock('no markers', 'x')).to.throw(/markers/);
  });

  describe('checkSchema', () => {
    const schema = (photo: string) => `
      type Query { uiapi: Contact }
      type EmailValue { value: String }
      type UrlValue { value: String }
      type IDValue { value: ID }
      type Contact { Id: ID! Email: EmailValue PhotoUrl: ${photo} }
      type Account { Id: ID! }
      input Contact_Filter { Id: IDOperators }
      input Contact_OrderBy { Id: String }
      input IDOperators { eq: ID }
      input JoinInput { Contact: Contact_Filter }`;
    const sample = `${SAMPLE}\nexport type Account_Filter = {\n\tId?: InputMaybe<IdOperators>;\n};\n`;

    it("when every value wrapper matches the org's filter operators for that field, then the schema passes", () => {
      expect(() => checkSchema(schema('UrlValue'), '{ uiapi { Id } }', sample)).not.to.throw();
    });

    it("when a wrapper does not match the org's filter operators, then it is refused, naming the field", () => {
      expect(() => checkSchema(schema('EmailValue'), '{ uiapi { Id } }', sample)).to.throw(/Contact\.PhotoUrl is EmailValue.*URLOperators/);
    });

    it('when an operation does not validate, then it is refused', () => {
      expect(() => checkSchema(schema('UrlValue'), '{ uiapi { Nope } }', sample)).to.throw(/do not validate/);
    });
  });

  it("when the committed schema is read, then it holds Salesforce's types between the markers, with package, version, file and licence", () => {
    const text = read('graphql', 'salesforce', 'schema.graphql');
    const block = text.slice(text.indexOf(BEGIN), text.indexOf(END));
    for (const fact of [
      '@salesforce/webapp-template-feature-graphql-experimental@1.105.1',
      'shared-schema.graphqls',
      '@salesforce/webapp-template-app-react-sample-b2e-experimental@1.117.1',
      'graphql-operations-types.ts',
      'SEE LICENSE IN LICENSE.txt',
      'input DateTimeInput {\n  value: DateTime\n  literal: DateLiteral\n  range: DateRange\n}',
      'inq: JoinInput',
    ]) {
      expect(block).to.include(fact);
    }
  });
});

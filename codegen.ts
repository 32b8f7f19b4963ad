import type { CodegenConfig } from '@graphql-codegen/cli';

// One `generates` entry per CRM: its pinned schema and the operations we send to it.
// Output is committed; `npm run codegen:check` fails CI when it is stale or an operation no longer
// validates against the pinned schema. No formatter hook: it would break `--check`.
const sharedConfig = {
  useTypeImports: true,
  enumsAsTypes: true,
  onlyOperationTypes: true,
  avoidOptionals: false,
  skipTypename: true,
  dedupeFragments: true,
};

const twentyScalars = {
  UUID: 'string',
  DateTime: 'string',
  ConnectionCursor: 'string',
};

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    // Twenty: two schema generations, each with the operations written for it (the shared
    // Person fragment is validated against both).
    'src/generated/twenty/graphql.ts': {
      schema: 'graphql/twenty/schema.graphql',
      documents: ['graphql/twenty/person-core.graphql', 'graphql/twenty/operations.graphql'],
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { ...sharedConfig, scalars: twentyScalars },
    },
    'src/generated/twenty-v0.53/graphql.ts': {
      schema: 'graphql/twenty-v0.53/schema.graphql',
      documents: ['graphql/twenty/person-core.graphql', 'graphql/twenty-v0.53/operations.graphql'],
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { ...sharedConfig, scalars: { ...twentyScalars, RawJSONScalar: 'unknown' } },
    },
    'src/generated/salesforce/graphql.ts': {
      schema: 'graphql/salesforce/schema.graphql',
      documents: 'graphql/salesforce/operations.graphql',
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        ...sharedConfig,
        scalars: {
          Date: 'string',
          DateTime: 'string',
          Long: 'number',
          Email: 'string',
          PhoneNumber: 'string',
          TextArea: 'string',
          Url: 'string',
        },
      },
    },
    'src/generated/shopify/graphql.ts': {
      schema: 'graphql/shopify/schema.graphql',
      documents: 'graphql/shopify/operations.graphql',
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        ...sharedConfig,
        scalars: {
          DateTime: 'string',
          Date: 'string',
          URL: 'string',
          HTML: 'string',
          Decimal: 'string',
          Money: 'string',
          UnsignedInt64: 'string',
          BigInt: 'string',
          FormattedString: 'string',
          Color: 'string',
          UtcOffset: 'string',
          ARN: 'string',
          JSON: 'unknown',
        },
      },
    },
  },
};

export default config;

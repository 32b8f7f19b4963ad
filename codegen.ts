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

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    'src/generated/twenty/graphql.ts': {
      schema: 'graphql/twenty/schema.graphql',
      documents: 'graphql/twenty/operations.graphql',
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        ...sharedConfig,
        scalars: {
          UUID: 'string',
          DateTime: 'string',
          ConnectionCursor: 'string',
          RawJSONScalar: 'unknown',
        },
      },
    },
  },
};

export default config;

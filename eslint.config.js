// ESLint (flat config) with typescript-eslint; formatting is Prettier's job (eslint-config-prettier
// turns off the rules that would fight it).
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const connectors = ['twenty', 'shopify', 'salesforce'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'src/generated/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // Only a connector may import its own generated GraphQL types, and connectors do not import
  // each other: everything CRM-specific stays sealed in its folder.
  {
    files: ['src/**/*.ts'],
    ignores: connectors.map((c) => `src/connectors/${c}/**`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/generated/**'], message: 'Only a connector imports its own generated types.' },
            { group: ['**/fake-crms/**'], message: 'The bridge ships without fake CRMs: src/ never imports them.' },
          ],
        },
      ],
    },
  },
  ...connectors.map((c) => ({
    files: [`src/connectors/${c}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...connectors
              .filter((o) => o !== c)
              .flatMap((o) => [
                { group: [`**/connectors/${o}/**`, `../${o}/**`], message: 'Connectors do not import each other.' },
                { group: [`**/generated/${o}/**`], message: 'Only a connector imports its own generated types.' },
              ]),
          ],
        },
      ],
    },
  })),
  prettier,
);

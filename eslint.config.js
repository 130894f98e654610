// Lint rules for the whole project. See CONTRIBUTING.md for why each limit is what it is.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'data/', 'editions/*/data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // bin/report.mjs is plain JavaScript run by Node: Node's globals.
    files: ['bin/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false }],
      complexity: ['error', 20],
      'max-depth': ['error', 4],
      'max-params': ['error', 5],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);

// ESLint flat config: typescript-eslint with type information, and the layering rule
// that keeps src/core free of any 'vscode' import (ARCHITECTURE.md, rule 1).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test/fixtures/', 'test/vscode/workspace/', '.lambda-workbench/', 'eslint.config.mjs', 'scripts/*.mjs', 'bin/'] },
  js.configs.recommended,
  {
    // Plain JavaScript that runs on Node (blueprint handlers, scripts).
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    // Blueprint code is what users copy into Lambda: CommonJS is a valid Lambda module format, and the Node.js
    // runtime provides the `awslambda` global (response streaming, lambda-semantics.md §3).
    files: ['blueprints/**/*.js', 'blueprints/**/*.mjs', 'blueprints/**/*.cjs'],
    languageOptions: { globals: { awslambda: 'readonly', URL: 'readonly', structuredClone: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'], package: 'node:test' }],
      }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core never imports vscode (ARCHITECTURE.md rule 1).' }],
        patterns: [{ group: ['**/vscode/**', '../vscode', '../../vscode'], message: 'src/core never imports the vscode layer.' }],
      }],
    },
  },
);

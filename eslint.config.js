// Flat config. The layer rules mirror the tsconfig projects (docs/ARCHITECTURE.md):
// renderer → shared/common; cli, electron/main → shared/node → shared/common; only electron/* imports 'electron'.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noElectron = { name: 'electron', message: 'Only electron/* may import the electron package.' };
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'crypto', 'url', 'util', 'stream', 'net', 'tls'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,cjs}', 'bin/**/*.js', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/common/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeBuiltins, message: 'shared/common is isomorphic: no Node built-ins.' },
            { group: ['**/shared/node/**', '../node/**', '../../node/**', '**/renderer/**', '**/cli/**', '**/electron/**'], message: 'shared/common imports nothing outside itself.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/node/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [{ group: ['**/renderer/**', '**/electron/**'], message: 'Node code never imports the renderer or the Electron shell.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // These two only matter to the React Compiler, which this project does not use.
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/incompatible-library': 'off',
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer talks to Node only through the API contract.' },
            { group: ['**/shared/node/**', '**/cli/**', '**/electron/**'], message: 'The renderer imports shared/common only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/shared/node/**', '**/renderer/**', '**/cli/**'], message: 'The preload exposes the contract (shared/common) only.' }] },
      ],
    },
  },
);

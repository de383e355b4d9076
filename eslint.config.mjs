// Lint rules on top of the type-check: no floating promises (STYLE.md), no unused code, type-aware checks.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-output/**', 'test/electron/**', '*.mjs', '.gpu-carry/**', '.gl/**', 'training/runs/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'before', 'after'] }] },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'server/ never imports vscode' }] }],
    },
  },
  { files: ['extension/**/*.ts', 'test/e2e/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
);

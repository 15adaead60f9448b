// Lint rules STYLE.md asks for: promises are awaited or handled, no `any` in module code.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'bench/results/**'] },
  {
    files: ['server/**/*.ts', 'packages/**/*.ts', 'web/src/**/*.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // One clock (STYLE.md): the server asks the app context's now(), the web app its appNow(), so
    // that tests pin the day and the suite passes on any date. Only the clocks themselves, tests and
    // benchmarks read the machine's.
    files: ['server/src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    ignores: ['server/src/platform/clock.ts', 'web/src/app/clock.ts', '**/*.test.ts', '**/*.testing.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Ask the one clock (ctx.now() on the server, appNow() in the web app), not the machine.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Ask the one clock (ctx.now() on the server, appNow() in the web app), not the machine.' },
        { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: 'Ask the one clock: dayjs(appNow()) or dayjs(appToday()).' },
      ],
    },
  },
);

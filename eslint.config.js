// @ts-check
import tseslint from 'typescript-eslint';

/** Rules that keep orchestrator code deterministic (see shared/STYLE.md, "One-way layers"). */
const orchestrationRestrictions = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os', 'child_process', 'timers'], message: 'Orchestrations do no I/O: move it into an activity.' },
        { group: ['@azure/*', '!@azure/functions', '@kubernetes/*', 'better-sqlite3', 'axios'], allowTypeImports: true, message: 'Orchestrations never import SDK clients: call an activity.' },
        { group: ['**/functions/**', '**/local/**'], allowTypeImports: true, message: 'orchestrations/ may import only shared/ (and types).' },
      ],
    },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use context.df.currentUtcDateTime.' },
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use context.df.currentUtcDateTime.' },
    { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Orchestrations must be deterministic: use context.df.newGuid.' },
    { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Config arrives in the orchestration input.' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Use context.df.createTimer.' },
    { name: 'setInterval', message: 'Use context.df.createTimer.' },
    { name: 'setImmediate', message: 'Orchestrations must be deterministic.' },
    { name: 'fetch', message: 'Orchestrations do no I/O: call an activity.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'test/fixtures/**/node_modules/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use an `as const` object and a derived union type.' }],
    },
  },
  {
    files: ['functions/**/*.ts', 'shared/**/*.ts', 'orchestrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/local/**'], message: 'Production code never imports local/.' }] }],
    },
  },
  // Last, so that orchestrations get the stricter import list.
  {
    files: ['orchestrations/**/*.ts'],
    rules: orchestrationRestrictions,
  },
);

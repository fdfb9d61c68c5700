import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The domain is pure: besides itself it may import node:crypto (hashing) and nothing else.
const DOMAIN_ALLOWED = /^(\.\.?\/|node:crypto$)/;

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      'test-results/',
      'appPackage/build/',
      'tab/dist/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        // Three programs: the server (Node), the tab (DOM), and the browser tests and benches (both).
        project: ['./tsconfig.json', './tab/tsconfig.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Numbers read fine in messages and paths; objects and nullish values still may not slip in.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => void x()` and `(e) => setState(e)` are the idiom for event handlers.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // TypeScript checks names itself; no-undef only misfires on DOM and Node types.
      'no-undef': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // afterAll guards what beforeAll may have failed to set, though the types say it is always set.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    plugins: { samtale: { rules: { 'pure-domain': pureDomainRule() } } },
    rules: { 'samtale/pure-domain': 'error' },
  },
);

/** An allow-list rather than a deny-list: a new SDK or I/O module cannot slip into src/domain. */
function pureDomainRule() {
  return {
    meta: {
      type: 'problem',
      schema: [],
      messages: {
        impure: 'src/domain is pure: it may import only src/domain and node:crypto, not {{source}}.',
      },
    },
    create(context) {
      const dir = context.filename.replace(/\\/g, '/');
      const domainRoot = dir.slice(0, dir.indexOf('/src/domain/') + '/src/domain/'.length);
      const check = (node, source) => {
        if (typeof source !== 'string') return;
        const relative = DOMAIN_ALLOWED.test(source);
        const resolved = relative && source.startsWith('.') ? new URL(source, `file://${dir}`).pathname : '';
        if (source === 'node:crypto' || (relative && resolved.startsWith(domainRoot))) return;
        context.report({ node, messageId: 'impure', data: { source } });
      };
      return {
        ImportDeclaration: (node) => check(node, node.source.value),
        ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
        ExportAllDeclaration: (node) => check(node, node.source.value),
        ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : null),
      };
    },
  };
}

import js from '@eslint/js';
import globals from 'globals';

// Markup from strings is how the old app got stored XSS; text must go through
// textContent / the el() helper, so every HTML-parsing sink is an error.
const htmlSinkMessage = 'Build DOM with el()/textContent; HTML strings are not allowed (XSS).';

export default [
  {
    ignores: ['node_modules/**', 'src/**', 'tests/**', 'docker/**', '**/bin/**', '**/obj/**'],
  },
  js.configs.recommended,
  {
    files: ['frontend/**/*.js'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: htmlSinkMessage },
        { property: 'outerHTML', message: htmlSinkMessage },
        { property: 'insertAdjacentHTML', message: htmlSinkMessage },
        { property: 'createContextualFragment', message: htmlSinkMessage },
        { object: 'document', property: 'write', message: htmlSinkMessage },
        { object: 'document', property: 'writeln', message: htmlSinkMessage },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // Catches computed access such as el['innerHTML'] that the rule above misses.
          selector: "MemberExpression[computed=true][property.value=/^(innerHTML|outerHTML|insertAdjacentHTML|srcdoc)$/]",
          message: htmlSinkMessage,
        },
        {
          selector: "CallExpression[callee.property.name='setAttribute'][arguments.0.value=/^on/i]",
          message: 'Inline event handler attributes break the CSP; use addEventListener.',
        },
        {
          selector: "CallExpression[callee.property.name='parseFromString']",
          message: htmlSinkMessage,
        },
      ],
      'no-implied-eval': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
      'prefer-const': 'error',
      'no-var': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
];

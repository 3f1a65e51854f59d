// ESLint flat config: typescript-eslint's recommended rules, and the FAQ engine kept pure.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'scratch/', 'bench/bare-kuromoji.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/nlu/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['botbuilder*', 'restify*', '@line/*'], message: 'The FAQ engine stays free of bot and HTTP code.' },
            { group: ['../*'], message: 'The FAQ engine imports only its own modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The chat bubble's launcher runs in browsers as a classic script.
    files: ['src/channels/webchat/public/**/*.js'],
    languageOptions: { sourceType: 'script', ecmaVersion: 2020, globals: globals.browser },
  },
);

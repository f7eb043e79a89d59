import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'examples/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // Screens draw text through src/screens/Text.tsx, which sanitises every string it is given.
    files: ['src/screens/**/*.{ts,tsx}'],
    ignores: ['src/screens/Text.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'ink',
              importNames: ['Text', 'Transform', 'Static'],
              message: "Use Text from './Text.js': it sanitises what it draws.",
            },
          ],
        },
      ],
    },
  },
  {
    // The headless commands print through src/cli/output.ts, which sanitises every line.
    files: ['src/cli/**/*.{ts,tsx}'],
    ignores: ['src/cli/output.ts', 'src/cli/run-deck.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='write'][callee.object.property.name=/^(stdout|stderr)$/][callee.object.object.name='process']",
          message: "Print with printLine/printError/printJson from './output.js': they sanitise what they print.",
        },
      ],
    },
  },
);

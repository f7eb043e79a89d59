import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Layers look down: screens → store → services → domain (with the pure modules beside it:
// alerts, metrics, outcomes, config), src/logs is a leaf, and the engine is a program of its
// own that shares only the pure modules. An upward import fails the lint (and so `npm test`).
const layer = (dirs) => `^(\\.\\./)+(${dirs.join('|')})/`;
function forbid(files, below, { typesFrom = [], leaf = false } = {}) {
  const patterns = [];
  if (leaf)
    patterns.push({ group: ['../*', '../**'], message: `${files} is a leaf: it imports nothing else of dynodeck's.` });
  if (below.length)
    patterns.push({ regex: layer(below), message: `${files} may not import ${below.join(', ')} (layers look down).` });
  if (typesFrom.length)
    patterns.push({
      regex: layer(typesFrom),
      allowTypeImports: true,
      message: `${files} may import only types from ${typesFrom.join(', ')}.`,
    });
  return { files: [files], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}

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
  forbid('src/logs/**', [], { leaf: true }),
  forbid('src/domain/**', ['store', 'screens', 'cli', 'engine', 'services', 'alerts', 'metrics', 'outcomes']),
  forbid('src/{alerts,metrics,outcomes,config}/**', ['store', 'screens', 'cli', 'engine'], { typesFrom: ['services'] }),
  forbid('src/services/**', ['store', 'screens', 'cli', 'engine']),
  forbid('src/store/**', ['screens', 'cli', 'engine']),
  forbid('src/screens/**', ['cli', 'engine'], { typesFrom: ['services'] }),
  forbid('src/engine/**', ['store', 'screens', 'cli', 'services']),
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

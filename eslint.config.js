import { configApp } from '@adonisjs/eslint-config'
import boundaries from 'eslint-plugin-boundaries'

/**
 * Module boundaries (STYLE.md): a module reaches another only through its
 * index.ts (#module), dependencies point one way, and app/shared imports no
 * module. `npm run lint` fails otherwise; see tests/unit/module_boundaries.spec.ts.
 */
const MODULE_DEPENDENCIES = {
  accounts: [],
  centres: ['accounts'],
  messaging: ['accounts', 'centres'],
  candidates: ['accounts', 'centres', 'messaging'],
  sessions: ['accounts', 'centres', 'messaging', 'candidates'],
  evaluations: ['accounts', 'centres'],
  passports: ['accounts', 'centres', 'messaging', 'candidates', 'sessions', 'evaluations'],
  orders: ['accounts', 'centres', 'messaging', 'candidates'],
  dashboard: [
    'accounts',
    'centres',
    'messaging',
    'candidates',
    'sessions',
    'evaluations',
    'passports',
    'orders',
  ],
}

export default [
  ...configApp(),
  {
    ignores: ['public/vendor/**', 'tmp/**', 'storage/**', 'bench/**/*.js'],
  },
  {
    // Tests read better with `(await client.get(...)).status()`.
    files: ['**/tests/**/*.ts'],
    rules: { '@unicorn/no-await-expression-member': 'off' },
  },
  {
    // Kernel files (start, config, database, tests) may reach module internals.
    files: ['app/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': {
        typescript: { alwaysTryTypes: true, project: './tsconfig.json' },
      },
      'boundaries/include': ['app/**/*'],
      'boundaries/elements': [
        { type: 'shared', pattern: 'app/shared', mode: 'folder' },
        { type: 'infra', pattern: ['app/middleware', 'app/exceptions'], mode: 'folder' },
        { type: 'module', pattern: 'app/*', mode: 'folder', capture: ['module'] },
      ],
    },
    rules: {
      'boundaries/element-types': [
        'error',
        {
          default: 'allow',
          rules: [
            {
              from: ['shared'],
              disallow: ['module', 'infra'],
              message: 'app/shared is the kernel: it imports no module',
            },
            ...Object.entries(MODULE_DEPENDENCIES).map(([name, allowed]) => ({
              from: [['module', { module: name }]],
              disallow: [
                [
                  'module',
                  { module: `!(${[name, ...allowed, 'middleware', 'exceptions'].join('|')})` },
                ],
              ],
              message: `Module "${name}" may only depend on: ${allowed.join(', ') || 'shared'} (STYLE.md, module dependencies point one way)`,
            })),
          ],
        },
      ],
      'boundaries/entry-point': [
        'error',
        {
          default: 'allow',
          rules: [
            {
              target: ['module'],
              disallow: ['**'],
              message: 'Import another module through its index.ts (#module), never its internals',
            },
            { target: ['module'], allow: ['index.ts'] },
          ],
        },
      ],
    },
  },
]

import { indexEntities } from '@adonisjs/core'
import { defineConfig } from '@adonisjs/core/app'

/**
 * Passerelle is split into modules under app/<module>. Controllers and policies
 * of every module are gathered into the generated barrels (#generated/controllers,
 * #generated/policies): controllers.accounts.Session, bouncer.with('UserPolicy').
 */

/**
 * Policies keyed by their class name alone (UserPolicy, CentrePolicy...): names
 * are unique across modules, and bouncer's own indexer would prefix some of them
 * with their module and not others.
 */
function indexModulePolicies() {
  return {
    run(_: unknown, __: unknown, indexGenerator: any) {
      indexGenerator.add('policies', {
        source: 'app',
        glob: ['**/app/*/policies/**/*_policy.ts'],
        importAlias: '#app',
        output: '.adonisjs/server/policies.ts',
        as(vfs: any, buffer: any, ___: unknown, helpers: any) {
          buffer.write('export const policies = {').indent()
          for (const [key, path] of Object.entries<string>(vfs.asList())) {
            const file = key.split('/').pop()!
            const name = file.replace(/(^|_)(\w)/g, (_m: string, _s: string, c: string) =>
              c.toUpperCase()
            )
            buffer.write(`${name}: () => import('${helpers.toImportPath(path)}'),`)
          }
          buffer.dedent().write('}')
        },
      })
    },
  }
}
export default defineConfig({
  experimental: {},

  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/session/commands'),
    () => import('@adonisjs/bouncer/commands'),
    () => import('@adonisjs/mail/commands'),
  ],

  directories: {
    commands: 'commands',
  },

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/drive/drive_provider'),
    () => import('@adonisjs/i18n/i18n_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('#shared/providers/shared_provider'),
  ],

  preloads: [
    () => import('#start/spreadsheets'),
    () => import('#start/orm'),
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/views'),
  ],

  tests: {
    suites: [
      {
        files: ['app/*/tests/unit/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
        name: 'unit',
        timeout: 10000,
      },
      {
        files: ['app/*/tests/functional/**/*.spec.ts', 'tests/functional/**/*.spec.ts'],
        name: 'functional',
        timeout: 30000,
      },
      {
        files: ['tests/browser/**/*.spec.ts'],
        name: 'browser',
        timeout: 60000,
      },
    ],
    forceExit: true,
  },

  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'app/*/views/**/*.edge', reloadServer: false },
    { pattern: 'resources/lang/**/*.json', reloadServer: false },
    { pattern: 'public/**', reloadServer: false },
  ],

  hooks: {
    init: [
      indexEntities({
        events: { enabled: false },
        listeners: { enabled: false },
        controllers: {
          source: 'app',
          glob: ['**/app/*/controllers/**/*_controller.ts'],
          importAlias: '#app',
        },
      }),
      indexModulePolicies(),
    ],
  },
})

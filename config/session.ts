import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/session'
import { databaseStoreTouchedEvery } from '#shared/http/session_store'

/**
 * Sessions live on the server (table user_sessions); the cookie holds only a
 * signed id. Logging out, changing or resetting a password and disabling a
 * user end sessions for good, and several app processes share the table.
 *
 * Idle timeout: `age` (requests push the expiry back, at most once a minute
 * per process: #shared/http/session_store). Absolute
 * timeout: see ABSOLUTE_SESSION_HOURS in #accounts/services/user_sessions.
 * Tests use the memory store: the test clients (loginAs) write to it.
 */
const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'passerelle-session',
  clearWithBrowser: false,
  age: '2h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER'),
  stores: {
    database: databaseStoreTouchedEvery(60, { tableName: 'user_sessions' }),
  },
})

export default sessionConfig

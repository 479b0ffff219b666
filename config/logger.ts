import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'passerelle',
      level: env.get('LOG_LEVEL'),
      /**
       * Production writes JSON lines to stdout from the main thread. A pino
       * transport runs in a worker thread, a second V8 isolate of ≈ 15 MB kept
       * for the life of the process (bench/README.md, export memory); pretty
       * printing in development is worth one.
       */
      transport: app.inProduction
        ? undefined
        : { targets: targets().push(targets.pretty()).toArray() },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}

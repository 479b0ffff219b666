import app from '@adonisjs/core/services/app'
import { defineConfig, loaders } from '@adonisjs/i18n'
import { memoisedIcu } from '#shared/i18n/memoised_formatter'

/** French first: Passerelle's users are French centres. */
const i18nConfig = defineConfig({
  defaultLocale: 'fr',
  supportedLocales: ['fr', 'en'],
  fallbackLocales: { en: 'fr' },
  // ICU messages, each formatted once (app/shared/i18n/memoised_formatter.ts).
  formatter: memoisedIcu(),
  loaders: [loaders.fs({ location: app.languageFilesPath() })],
})

export default i18nConfig

import { configProvider } from '@adonisjs/core'
import { formatters } from '@adonisjs/i18n'
import type { FormatterFactory, TranslationsFormatterContract } from '@adonisjs/i18n/types'

/** Messages formatted with values are kept up to this many, then forgotten all at once. */
const WITH_VALUES = 5_000

/**
 * The ICU formatter of @adonisjs/i18n, remembering what it formatted. Its
 * `format` parses the message again on every call (a new IntlMessageFormat
 * each time): the network's orders page spent 7 % of its CPU there, a table's
 * labels being translated once per row. A translation is a pure function of
 * its message, locale and values, so:
 * - a message without values is kept for good (there are as many as there are
 *   strings in resources/lang, per locale);
 * - one with values of plain types (numbers, text, booleans) is kept in a
 *   bounded memo, emptied when it reaches WITH_VALUES entries. Values of other
 *   types (dates, objects) are formatted each time.
 */
export function memoise(base: TranslationsFormatterContract): TranslationsFormatterContract {
  const plain = new Map<string, string>()
  let valued = new Map<string, string>()
  return {
    name: base.name,
    format(message, locale, data) {
      const values = data ? Object.entries(data) : []
      if (values.length === 0) {
        const key = `${locale}\u0000${message}`
        let output = plain.get(key)
        if (output === undefined) {
          output = base.format(message, locale, data)
          plain.set(key, output)
        }
        return output
      }
      if (!values.every(([, value]) => ['string', 'number', 'boolean'].includes(typeof value)))
        return base.format(message, locale, data)
      const key = `${locale}\u0000${message}\u0000${JSON.stringify(values)}`
      let output = valued.get(key)
      if (output === undefined) {
        output = base.format(message, locale, data)
        if (valued.size >= WITH_VALUES) valued = new Map()
        valued.set(key, output)
      }
      return output
    },
  }
}

/** `formatters.icu()` of @adonisjs/i18n, memoised (config/i18n.ts). */
export function memoisedIcu() {
  return configProvider.create<FormatterFactory>(async (app) => {
    const icu = await configProvider.resolve<FormatterFactory>(app, formatters.icu())
    if (!icu) throw new Error('the ICU formatter could not be resolved')
    return (config) => memoise(icu(config))
  })
}

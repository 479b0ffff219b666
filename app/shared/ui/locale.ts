/** Languages of the interface; French first. */
export const LOCALES = ['fr', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/** Cookie that keeps a guest's language choice. */
export const LOCALE_COOKIE = 'locale'

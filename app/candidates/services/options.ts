import type { I18n } from '@adonisjs/i18n'
import { countryOptions } from '#centres'
import {
  CANDIDATE_STATUSES,
  CIVILITIES,
  EDUCATION_LEVELS,
  EXAM_STATUSES,
  EXAM_VALIDATIONS,
  FUNDINGS,
  LANGUAGES,
  SOCIO_CATEGORIES,
} from '#candidates/models/candidate'

const list = (i18n: I18n, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: i18n.t(`candidates.${prefix}.${value}`) }))

/** Select options of the candidate forms and filters, in the user's language. */
export function candidateOptions(i18n: I18n) {
  const languages = new Intl.DisplayNames([i18n.locale], { type: 'language' })
  return {
    civilities: list(i18n, 'civility', CIVILITIES),
    statuses: list(i18n, 'status', CANDIDATE_STATUSES),
    fundings: list(i18n, 'funding', FUNDINGS),
    educationLevels: list(i18n, 'education', EDUCATION_LEVELS),
    socioCategories: list(i18n, 'socio', SOCIO_CATEGORIES),
    languages: LANGUAGES.map((code) => ({
      value: code,
      label:
        code === 'other'
          ? i18n.t('candidates.other_language')
          : capitalise(languages.of(code) ?? code),
    })),
    countries: countryOptions(i18n.locale),
    examStatuses: list(i18n, 'exam_status', EXAM_STATUSES),
    examValidations: list(i18n, 'exam_validation', EXAM_VALIDATIONS),
  }
}

function capitalise(value: string) {
  return value.charAt(0).toUpperCase() + value.slice(1)
}

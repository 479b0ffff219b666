/**
 * Public API of the centres module. Other modules import from '#centres' only.
 */
export { default as Centre } from '#centres/models/centre'
export type { CentreKind, OnlineVisibility } from '#centres/models/centre'
export { default as Group, GROUP_CATEGORIES } from '#centres/models/group'
export type { GroupCategory } from '#centres/models/group'
export { default as Division } from '#centres/models/division'
export { COUNTRY_CODES, countryOptions, countryName } from '#centres/services/places'
export {
  CENTRE_SELECT_LIMIT,
  centreChoiceLabel,
  centreFilterFor,
  whereCentre,
} from '#centres/services/centre_filter'
export type { CentreFilter } from '#centres/services/centre_filter'

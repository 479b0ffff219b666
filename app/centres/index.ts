/**
 * Public API of the centres module. Other modules import from '#centres' only.
 */
export { default as Centre } from '#centres/models/centre'
export type { CentreKind, OnlineVisibility } from '#centres/models/centre'

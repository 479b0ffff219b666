/**
 * Public API of the passports module. Other modules import from '#passports' only.
 */
export { pastRetention, purge as purgePassportFiles } from '#passports/services/retention'

import vine from '@vinejs/vine'
import { ROLES } from '#shared/roles'

/** Small rule factories shared by the account validators. */
export const email = () => vine.string().trim().toLowerCase().email().maxLength(254)
export const newPassword = () =>
  vine
    .string()
    .minLength(10)
    .maxLength(128)
    .confirmed({ confirmationField: 'password_confirmation' })
export const personName = () => vine.string().trim().minLength(1).maxLength(100)
export const role = () => vine.enum(ROLES)
export const gender = () => vine.enum(['F', 'H', 'N'] as const)
export const phone = () =>
  vine
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{6,20}$/)

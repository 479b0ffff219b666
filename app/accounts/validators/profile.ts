import vine from '@vinejs/vine'
import { newPassword, personName } from '#accounts/validators/rules'

export const updateProfileValidator = vine.create({
  first_name: personName(),
  last_name: personName(),
  locale: vine.enum(['fr', 'en'] as const),
})

export const changePasswordValidator = vine.create({
  current_password: vine.string().maxLength(128),
  password: newPassword(),
})

export const localeValidator = vine.create({ locale: vine.enum(['fr', 'en'] as const) })

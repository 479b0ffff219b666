import vine from '@vinejs/vine'
import { REQUESTABLE_ROLES } from '#messaging/models/account_request'

export const accountRequestValidator = vine.create({
  last_name: vine.string().trim().minLength(1).maxLength(100),
  first_name: vine.string().trim().minLength(1).maxLength(100),
  email: vine.string().trim().toLowerCase().email().maxLength(254),
  gender: vine.enum(['F', 'H', 'N'] as const).optional(),
  role: vine.enum(REQUESTABLE_ROLES),
  phone: vine
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{6,20}$/)
    .optional(),
  centre_id: vine.number().withoutDecimals().range([1, 2147483647]),
})

export const refusalValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(2000),
})

import vine from '@vinejs/vine'
import { CREDIT_TYPES } from '#orders/models/credit_type'

/** Prices typed in euros with a comma or a dot (kept in cents); rates in percent. */
const euros = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{1,5}([.,]\d{1,2})?$/)

export const creditProductValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(120),
  type: vine.enum(CREDIT_TYPES),
  reference: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/),
  unit_price: euros(),
  vat_rate: vine
    .string()
    .trim()
    .regex(/^\d{1,2}([.,]\d{1,2})?$/),
  validity_months: vine.number().withoutDecimals().range([1, 60]),
  status: vine.enum(['active', 'inactive'] as const),
  all_centres: vine.boolean().optional(),
  centres: vine.array(vine.number().withoutDecimals().range([1, 2147483647])).optional(),
})

import vine from '@vinejs/vine'
import { CREDIT_TYPES } from '#orders/models/credit_type'

/** "Attribuer la certification" / "Modifier l'attribution" (seed 004 §6.5–6.6). */
export const assignmentValidator = vine.create({
  type: vine.enum(CREDIT_TYPES),
  exam_date: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  partner_session_id: vine.number().withoutDecimals().range([1, 2147483647]).optional(),
  notify: vine.boolean().optional(),
})

export const removalValidator = vine.create({
  notify: vine.boolean().optional(),
})

/** A partner centre's session (network admin). */
export const partnerSessionValidator = vine.create({
  centre_name: vine.string().trim().minLength(2).maxLength(120),
  address: vine.string().trim().minLength(2).maxLength(200),
  postcode: vine
    .string()
    .trim()
    .regex(/^[0-9A-Z -]{3,10}$/i),
  city: vine.string().trim().minLength(2).maxLength(80),
  date: vine.date({ formats: ['YYYY-MM-DD'] }).afterOrEqual('today'),
  time: vine.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  seats: vine.number().withoutDecimals().range([1, 1000]),
})

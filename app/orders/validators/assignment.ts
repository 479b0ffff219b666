import vine from '@vinejs/vine'
import { CREDIT_TYPES } from '#orders/models/credit_type'

/** "Attribuer la certification" / "Modifier l'attribution" (seed 004 §6.5–6.6). */
export const assignmentValidator = vine.create({
  type: vine.enum(CREDIT_TYPES),
  exam_date: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  notify: vine.boolean().optional(),
})

export const removalValidator = vine.create({
  notify: vine.boolean().optional(),
})

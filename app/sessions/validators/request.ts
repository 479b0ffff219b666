import vine from '@vinejs/vine'
import { ANOMALY_KINDS } from '#sessions/models/session_anomaly'

/** A request's text: what is asked and why (the first message of its conversation). */
export const requestValidator = vine.create({
  description: vine.string().trim().minLength(10).maxLength(4000),
  category: vine.string().trim().maxLength(32).optional(),
  test_code: vine.string().trim().maxLength(8).optional(),
})

export const requestRefusalValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(2000),
})

export const reRegistrationValidator = vine.create({
  session_id: vine.number().withoutDecimals().range([1, 2147483647]),
})

export const anomalyValidator = vine.create({
  registration_id: vine.number().withoutDecimals().range([1, 2147483647]).optional(),
  kind: vine.enum(ANOMALY_KINDS),
  description: vine.string().trim().minLength(10).maxLength(2000),
})

export const anomalyProcessingValidator = vine.create({
  note: vine.string().trim().maxLength(2000).optional(),
})

import vine from '@vinejs/vine'
import {
  KINDS,
  LOCATIONS,
  NATURES,
  ORIGINS,
  SOURCES,
} from '#passports/models/professional_situation'

const text = (max: number) => vine.string().trim().maxLength(max)
const optional = (max: number) => text(max).optional()
const id = () => vine.number().withoutDecimals().range([1, 2147483647])

/**
 * A professional situation, four tabs in one form (seed 003). Required
 * (red asterisk): title, situation, description, location, dates, source,
 * type, competence; the Caractérisation may stay incomplete. Limits are the
 * seed's: 255 characters for the description, tasks, objectives and
 * qualitative results, 128 for a support's designation.
 */
export const situationValidator = vine.create({
  title: text(120).minLength(1),
  situation_id: id(),
  project: vine.boolean().optional(),
  description: text(255).minLength(1),
  partners: optional(255),
  location: vine.enum(LOCATIONS),
  starts_on: vine.date({ formats: ['YYYY-MM-DD'] }).afterOrEqual('2000-01-01'),
  ends_on: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .afterOrSameAs('starts_on')
    .beforeOrEqual('2100-12-31'),
  source: vine.enum(SOURCES),
  kind: vine.enum(KINDS),
  tasks: optional(255),
  objectives: optional(255),
  actors: vine
    .array(vine.object({ name: optional(100), role: optional(100) }))
    .maxLength(30)
    .optional(),
  means: optional(2000),
  quantitative_results: optional(2000),
  qualitative_results: optional(255),
  supports: vine
    .array(
      vine.object({
        designation: optional(128),
        origin: vine.enum(ORIGINS).optional(),
        nature: vine.enum(NATURES).optional(),
      })
    )
    .maxLength(50)
    .optional(),
  competence_id: id(),
  secondary_competence_id: id().optional(),
  competence_description: optional(2000),
  complexities: vine.array(text(120)).maxLength(20).optional(),
  hazards: vine.array(text(120)).maxLength(20).optional(),
})

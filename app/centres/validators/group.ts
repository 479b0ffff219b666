import vine from '@vinejs/vine'
import { GROUP_CATEGORIES } from '#centres/models/group'

export const groupValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(120),
  category: vine.enum(GROUP_CATEGORIES),
  centre_id: vine.number().withoutDecimals().range([1, 2147483647]).optional(),
})

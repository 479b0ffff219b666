import vine from '@vinejs/vine'

export const divisionValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(80),
  centre_id: vine.number().withoutDecimals().range([1, 2147483647]).optional(),
})

export const learnerSelectionValidator = vine.create({
  // One checked box may arrive as a scalar.
  user_ids: vine
    .array(vine.number().withoutDecimals().range([1, 2147483647]))
    .parse((value) =>
      value === undefined || value === null || Array.isArray(value) ? value : [value]
    )
    .minLength(1),
})

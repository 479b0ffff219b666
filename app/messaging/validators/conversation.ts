import vine from '@vinejs/vine'

export const newConversationValidator = vine.create({
  centre_id: vine.number().withoutDecimals().range([1, 2147483647]).optional(),
  title: vine.string().trim().minLength(2).maxLength(200),
  body: vine.string().trim().minLength(1).maxLength(10000),
})

export const replyValidator = vine.create({
  body: vine.string().trim().minLength(1).maxLength(10000),
})

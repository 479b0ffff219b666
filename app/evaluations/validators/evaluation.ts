import vine from '@vinejs/vine'

export const evaluationValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(200),
  evaluated_on: vine.date({ formats: ['YYYY-MM-DD'] }),
  confirm_removal: vine.accepted().optional(),
})

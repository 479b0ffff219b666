import vine from '@vinejs/vine'

export const publicationValidator = vine.create({
  release_on: vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  release_time: vine
    .string()
    .trim()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
})

export const verificationValidator = vine.create({
  code: vine.string().trim().maxLength(40),
})

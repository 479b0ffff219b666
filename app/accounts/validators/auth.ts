import vine from '@vinejs/vine'
import { email, newPassword } from '#accounts/validators/rules'

export const loginValidator = vine.create({
  email: email(),
  password: vine.string().maxLength(128),
  remember: vine.boolean().optional(),
})

export const forgotPasswordValidator = vine.create({ email: email() })

export const setPasswordValidator = vine.create({ password: newPassword() })

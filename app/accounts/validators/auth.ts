import vine from '@vinejs/vine'
import { email, newPassword } from '#accounts/validators/rules'

export const loginValidator = vine.create({
  // An email, or the login of an imported user (jf.bernard).
  email: vine.string().trim().toLowerCase().minLength(2).maxLength(254),
  password: vine.string().maxLength(128),
  remember: vine.boolean().optional(),
})

export const forgotPasswordValidator = vine.create({ email: email() })

export const setPasswordValidator = vine.create({ password: newPassword() })

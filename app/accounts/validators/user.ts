import vine from '@vinejs/vine'
import { email, gender, personName, phone, role } from '#accounts/validators/rules'

const fields = {
  first_name: personName(),
  last_name: personName(),
  gender: gender().optional(),
  phone: phone().optional(),
  role: role(),
  // A single checked box may arrive as a scalar: accept both shapes.
  centre_ids: vine
    .array(vine.number().withoutDecimals().range([1, 2147483647]))
    .parse((value) =>
      value === undefined || value === null || Array.isArray(value) ? value : [value]
    )
    .optional(),
}

export const createUserValidator = vine.create({
  ...fields,
  email: email().unique(
    async (db, value) => !(await db.from('users').where('email', value).first())
  ),
})

export const updateUserValidator = vine.create({
  ...fields,
  email: email().unique(async (db, value, field) => {
    const row = await db
      .from('users')
      .where('email', value)
      .whereNot('id', field.meta.userId)
      .first()
    return !row
  }),
})

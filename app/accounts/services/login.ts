import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import User from '#accounts/models/user'
import { DomainError } from '#shared/errors'

/** 5 failed attempts per email and IP within 15 minutes, then a 15-minute wait. */
export const loginLimiter = () =>
  limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' })

/**
 * Checks credentials. Unknown emails, invited accounts (no password yet) and
 * disabled accounts all fail the same way, in about the same time.
 */
export async function verifyLogin(email: string, password: string) {
  const identifier = email.trim().toLowerCase()
  const user = await User.query().where('email', identifier).orWhere('login', identifier).first()
  if (!user || !user.password) {
    await hash.make(password)
    throw new DomainError('invalid_credentials', {}, 400)
  }
  if (!(await hash.verify(user.password, password)) || user.status !== 'active') {
    throw new DomainError('invalid_credentials', {}, 400)
  }
  return user
}

export async function attemptLogin(email: string, password: string, ip: string) {
  const key = `login_${email.trim().toLowerCase()}_${ip}`
  const [error, user] = await loginLimiter().penalize(key, () => verifyLogin(email, password))
  if (error) {
    const minutes = Math.max(1, Math.ceil(error.response.availableIn / 60))
    throw new DomainError('too_many_attempts', { minutes }, 429)
  }
  user.lastLoginAt = DateTime.utc()
  await user.save()
  return user
}

import { DateTime } from 'luxon'
import { createHash, randomBytes } from 'node:crypto'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#accounts/models/user'

export type TokenPurpose = 'invitation' | 'password_reset'

const LIFETIME: Record<TokenPurpose, { hours: number }> = {
  invitation: { hours: 24 * 7 },
  password_reset: { hours: 1 },
}

/**
 * A single-use, expiring link (invitation or password reset). The plain token
 * only ever exists in the email; the database keeps its SHA-256.
 */
export default class UserToken extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare purpose: TokenPurpose

  @column({ serializeAs: null })
  declare tokenHash: string

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare usedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  static hash(token: string) {
    return createHash('sha256').update(token).digest('hex')
  }

  /** Issues a new link and revokes the older unused ones of the same purpose. */
  static async issue(user: User, purpose: TokenPurpose) {
    await UserToken.query()
      .where('user_id', user.id)
      .where('purpose', purpose)
      .whereNull('used_at')
      .update({ used_at: DateTime.utc().toSQL({ includeOffset: false }) })
    const token = randomBytes(32).toString('base64url')
    await UserToken.create({
      userId: user.id,
      purpose,
      tokenHash: UserToken.hash(token),
      expiresAt: DateTime.utc().plus(LIFETIME[purpose]),
    })
    return token
  }

  /** The usable token for this plain value, or null when unknown, used or expired. */
  static async findUsable(token: string, purpose: TokenPurpose) {
    const row = await UserToken.query()
      .where('token_hash', UserToken.hash(token))
      .where('purpose', purpose)
      .preload('user')
      .first()
    if (!row || row.usedAt || row.expiresAt < DateTime.utc()) return null
    return row
  }
}

import { DateTime } from 'luxon'
import { createHash, randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
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

  /**
   * `issue` for many users at once (an import's invitations): two statements
   * per 500 users, in one transaction. Returns each user's plain token.
   */
  static async issueMany(users: User[], purpose: TokenPurpose) {
    const tokens = new Map<number, string>()
    await db.transaction(async (trx) => {
      const format = trx.dialect.dateTimeFormat
      const now = DateTime.utc()
      for (let i = 0; i < users.length; i += 500) {
        const ids = users.slice(i, i + 500).map((user) => user.id)
        await trx
          .from('user_tokens')
          .whereIn('user_id', ids)
          .where('purpose', purpose)
          .whereNull('used_at')
          .update({ used_at: now.toFormat(format) })
        await trx.table('user_tokens').multiInsert(
          ids.map((userId) => {
            const token = randomBytes(32).toString('base64url')
            tokens.set(userId, token)
            return {
              user_id: userId,
              purpose,
              token_hash: UserToken.hash(token),
              expires_at: now.plus(LIFETIME[purpose]).toFormat(format),
              created_at: now.toFormat(format),
            }
          })
        )
      }
    })
    return tokens
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

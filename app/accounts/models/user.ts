import { DateTime } from 'luxon'
import { toId } from '#shared/tenancy'
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, afterSave, beforeSave, column, computed } from '@adonisjs/lucid/orm'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { DbRememberMeTokensProvider } from '@adonisjs/auth/session'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { Actor, Role } from '#shared/roles'
import type UserToken from '#accounts/models/user_token'
import { endUserSessions } from '#accounts/services/user_sessions'

export type UserStatus = 'invited' | 'active' | 'disabled'
export type Gender = 'F' | 'H' | 'N'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class User extends compose(BaseModel, AuthFinder) implements Actor {
  static rememberMeTokens = DbRememberMeTokensProvider.forModel(User)

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare firstName: string

  @column()
  declare lastName: string

  @column()
  declare email: string

  @column({ serializeAs: null })
  declare password: string | null

  /** Login of imported users (prenom.nom); everyone may also log in with the email. */
  @column()
  declare login: string | null

  /** Id in the school's own system, matched on re-import. */
  @column()
  declare externalId: string | null

  @column()
  declare gender: Gender | null

  @column()
  declare phone: string | null

  @column()
  declare role: Role

  @column()
  declare status: UserStatus

  @column()
  declare locale: 'fr' | 'en'

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Centres this user may see; loaded per request by loadScope(). */
  centreIds: number[] = []

  @computed()
  get fullName() {
    return `${this.firstName} ${this.lastName.toUpperCase()}`
  }

  get initials() {
    return `${this.firstName.charAt(0)}${this.lastName.charAt(0)}`.toUpperCase()
  }

  @beforeSave()
  static normaliseEmail(user: User) {
    if (user.$dirty.email) user.email = user.email.trim().toLowerCase()
  }

  /** Set while saving a user who is no longer active (disabled): its sessions end. */
  private sessionsToEnd = false

  @beforeSave()
  static noticeDisabling(user: User) {
    user.sessionsToEnd = user.$isPersisted && !!user.$dirty.status && user.status !== 'active'
  }

  /**
   * Disabling a user (by hand, by an import, by anonymisation) ends its
   * sessions and remember-me tokens at once; inside a transaction, once it commits.
   */
  @afterSave()
  static async endSessionsOfDisabled(user: User) {
    if (!user.sessionsToEnd) return
    user.sessionsToEnd = false
    const end = () => endUserSessions(user.id)
    // A global transaction (tests) stands for the connection itself: it never commits.
    const trx = user.$trx
    if (trx && ![...db.connectionGlobalTransactions.values()].includes(trx))
      trx.after('commit', end)
    else await end()
  }

  async loadScope() {
    this.centreIds = await User.centreIdsOf(this.id)
    return this
  }

  static async centreIdsOf(userId: number): Promise<number[]> {
    const rows = await db.from('centre_memberships').where('user_id', userId).select('centre_id')
    return rows.map((r) => Number(r.centre_id))
  }

  /** Replaces the user's centres (memberships). */
  async syncCentres(centreIds: number[], client = db.connection()) {
    const wanted = [...new Set(centreIds.map(Number))]
    await client
      .from('centre_memberships')
      .where('user_id', this.id)
      .whereNotIn('centre_id', wanted.length ? wanted : [0])
      .delete()
    const rows = await client
      .from('centre_memberships')
      .where('user_id', this.id)
      .select('centre_id')
    const existing = rows.map((r) => Number(r.centre_id))
    const missing = wanted.filter((id) => !existing.includes(id))
    if (missing.length) {
      const now = new Date()
      await client
        .table('centre_memberships')
        .multiInsert(
          missing.map((centreId) => ({ user_id: this.id, centre_id: centreId, created_at: now }))
        )
    }
    this.centreIds = wanted
  }

  /** Users who belong to at least one of the actor's centres (network admins: everyone). */
  static visibleTo(query: ModelQueryBuilderContract<typeof User>, actor: Actor) {
    if (actor.role === 'network_admin') return query
    if (actor.centreIds.length === 0) return query.whereRaw('1 = 0')
    return query.whereExists((sub) => {
      sub
        .from('centre_memberships')
        .whereColumn('centre_memberships.user_id', 'users.id')
        .whereIn('centre_memberships.centre_id', actor.centreIds)
    })
  }

  /**
   * Consumes a single-use link and sets the password. An invited account becomes
   * active; a disabled one stays disabled.
   */
  async useLink(token: UserToken, password: string) {
    await db.transaction(async (trx) => {
      token.useTransaction(trx)
      token.usedAt = DateTime.utc()
      await token.save()
      this.useTransaction(trx)
      this.password = password
      if (this.status === 'invited') this.status = 'active'
      await this.save()
    })
  }

  /** A user the actor may see, with its centres loaded; a 404 otherwise. */
  static async findVisibleOrFail(actor: Actor, id: unknown) {
    const user = await User.visibleTo(User.query(), actor).where('id', toId(id)).firstOrFail()
    return user.loadScope()
  }

  get isActive() {
    return this.status === 'active'
  }
}

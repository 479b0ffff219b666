import { DateTime } from 'luxon'
import { BaseModel, column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { User } from '#accounts'
import type { Actor } from '#shared/roles'
import { findInScope, scopeToCentres } from '#shared/tenancy'

export type CentreKind = 'exam' | 'training' | 'both'
export type OnlineVisibility = 'hidden' | 'with_sessions' | 'without_sessions'

/**
 * An exam and/or training centre. Minimal here; the centres issue completes it
 * (logo, classes, groups...). Its account manager is the member whose role is
 * account_manager (memberships also scope portfolios).
 */
export default class Centre extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare kind: CentreKind

  @column()
  declare address: string | null

  @column()
  declare postcode: string | null

  @column()
  declare city: string | null

  @column()
  declare country: string

  @column()
  declare timeZone: string

  @column()
  declare contactEmail: string | null

  @column()
  declare phone: string | null

  @column()
  declare status: 'active' | 'inactive'

  @column()
  declare onlineVisibility: OnlineVisibility

  @column({ serializeAs: null })
  declare logoKey: string | null

  @column()
  declare logoMime: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @manyToMany(() => User, {
    pivotTable: 'centre_memberships',
    pivotForeignKey: 'centre_id',
    pivotRelatedForeignKey: 'user_id',
    pivotTimestamps: { createdAt: 'created_at', updatedAt: false },
  })
  declare members: ManyToMany<typeof User>

  /** The details a centre manager keeps up to date itself ("Ma fiche centre"). */
  get contactDetails() {
    return {
      address: this.address,
      postcode: this.postcode,
      city: this.city,
      contactEmail: this.contactEmail,
      phone: this.phone,
    }
  }

  /** Centres the actor may see (network admins: all; others: their memberships). */
  static visibleTo(query: ModelQueryBuilderContract<typeof Centre>, actor: Actor) {
    return scopeToCentres(query, actor, 'centres.id')
  }

  /** A centre the actor may see; a 404 otherwise. */
  static findVisibleOrFail(actor: Actor, id: unknown) {
    return findInScope(Centre, actor, id, 'id')
  }

  /** The member with the account_manager role, if any (preload 'members' filtered by role). */
  get accountManager(): User | undefined {
    return this.$preloaded.members
      ? (this.members as User[]).find((member) => member.role === 'account_manager')
      : undefined
  }

  /**
   * Puts the centre in an account manager's portfolio (and out of any other's):
   * portfolios are memberships of account managers.
   */
  async assignAccountManager(userId: number | null, client: TransactionClientContract) {
    const managers = client.from('users').where('role', 'account_manager').select('id')
    await client
      .from('centre_memberships')
      .where('centre_id', this.id)
      .whereIn('user_id', managers)
      .if(userId, (q) => q.whereNot('user_id', userId!))
      .delete()
    if (!userId) return
    const exists = await client
      .from('centre_memberships')
      .where({ centre_id: this.id, user_id: userId })
      .first()
    if (!exists) {
      await client
        .table('centre_memberships')
        .insert({ centre_id: this.id, user_id: userId, created_at: new Date() })
    }
  }

  static accountManagerOptions() {
    return User.query()
      .where('role', 'account_manager')
      .where('status', '!=', 'disabled')
      .orderBy('last_name')
  }
}

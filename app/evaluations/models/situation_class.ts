import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import Situation from '#evaluations/models/situation'

/** A class of situations (classe de situations) of a pole. */
export default class SituationClass extends BaseModel {
  static table = 'situation_classes'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare versionId: number

  @column()
  declare poleId: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare position: number

  @hasMany(() => Situation, { foreignKey: 'classId' })
  declare situations: HasMany<typeof Situation>
}

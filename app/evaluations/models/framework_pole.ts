import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import SituationClass from '#evaluations/models/situation_class'

export default class FrameworkPole extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare versionId: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare position: number

  @hasMany(() => SituationClass, { foreignKey: 'poleId' })
  declare classes: HasMany<typeof SituationClass>
}

import { BaseModel, column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import Competence from '#evaluations/models/competence'

/** A professional situation (S111...), mapped to one or two competences. */
export default class Situation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare versionId: number

  @column()
  declare classId: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare position: number

  @manyToMany(() => Competence, { pivotTable: 'situation_competences' })
  declare competences: ManyToMany<typeof Competence>
}

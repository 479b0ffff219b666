import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const DOCUMENT_TYPES = ['eo_subject', 'other'] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

/** A file of a session uploaded by its centre (EO subjects, others). */
export default class SessionDocument extends BaseModel {
  static table = 'session_documents'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare sessionId: number

  @column()
  declare type: DocumentType

  @column()
  declare name: string

  @column({ serializeAs: null })
  declare fileKey: string

  @column()
  declare mime: string

  @column()
  declare size: number

  @column()
  declare uploadedBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}

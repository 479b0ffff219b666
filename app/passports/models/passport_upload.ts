import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { MediaKind } from '#passports/models/passport_media'
import { jsonList } from '#shared/json_columns'

/**
 * A resumable upload of one captured item: declared size and SHA-256, bytes
 * received so far (chunks are stored in order under its id), the media once
 * complete and verified.
 */
export default class PassportUpload extends BaseModel {
  static table = 'passport_uploads'
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare passportId: number

  @column()
  declare clientId: string

  @column()
  declare kind: MediaKind

  @column()
  declare part: string | null

  @column({ consume: (value: unknown) => Number(value) })
  declare size: number

  @column({ columnName: 'sha256' })
  declare sha256: string

  @column({ consume: (value: unknown) => Number(value) })
  declare received: number

  @column(jsonList)
  declare chunks: number[]

  @column()
  declare mime: string | null

  @column()
  declare extension: string | null

  @column.dateTime()
  declare finalisingAt: DateTime | null

  @column()
  declare durationMs: number | null

  @column.dateTime()
  declare capturedAt: DateTime

  /** A signature: when the candidate accepted the registration conditions. */
  @column.dateTime()
  declare acceptedAt: DateTime | null

  @column()
  declare createdBy: number | null

  @column()
  declare mediaId: number | null

  /** Deleted after its upload (the clip's tombstone): declaring it again is refused. */
  @column.dateTime()
  declare deletedAt: DateTime | null

  @column()
  declare deletedBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}

import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const MEDIA_KINDS = ['photo', 'signature', 'clip'] as const
export type MediaKind = (typeof MEDIA_KINDS)[number]

/**
 * A captured item confirmed by the server: the photo, the signature or an
 * audio clip of an oral part. Its hash and size stay after the file is purged.
 */
export default class PassportMedia extends BaseModel {
  static table = 'passport_media'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare passportId: number

  @column()
  declare kind: MediaKind

  @column()
  declare part: string | null

  @column()
  declare clientId: string

  @column()
  declare storageKey: string | null

  @column()
  declare mime: string

  @column({ consume: (value: unknown) => Number(value) })
  declare size: number

  @column({ columnName: 'sha256' })
  declare sha256: string

  @column()
  declare durationMs: number | null

  @column.dateTime()
  declare capturedAt: DateTime

  @column()
  declare capturedBy: number | null

  @column.dateTime()
  declare uploadedAt: DateTime

  @column.dateTime()
  declare purgedAt: DateTime | null
}

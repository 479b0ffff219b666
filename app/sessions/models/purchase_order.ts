import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { calendarDate } from '#shared/dates'

export interface OrderLine {
  label: string
  quantity: number
  unitHt: number
  totalHt: number
}

/** A session's purchase order once signed: its lines and totals are frozen. */
export default class PurchaseOrder extends BaseModel {
  static table = 'purchase_orders'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare sessionId: number

  @column({
    prepare: (value: OrderLine[]) => JSON.stringify(value),
    consume: (value: string | OrderLine[]) =>
      typeof value === 'string' ? JSON.parse(value) : value,
  })
  declare lines: OrderLine[]

  @column()
  declare totalHt: number

  @column()
  declare totalVat: number

  @column()
  declare totalTtc: number

  @column()
  declare signedName: string

  @column.date(calendarDate)
  declare signedOn: DateTime

  @column()
  declare signedBy: number | null

  @column({ serializeAs: null })
  declare signatureKey: string

  @column({ serializeAs: null })
  declare pdfKey: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}

import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import type { User } from '#accounts'
import type { Centre, OnlineVisibility } from '#centres'
import ExamSession, { FIRST_SESSION_NUMBER } from '#sessions/models/exam_session'
import type Product from '#sessions/models/product'
import SessionTest from '#sessions/models/session_test'
import Tariff from '#sessions/models/tariff'
import { registrationDeadline } from '#sessions/services/deadline'

/** The next session number: unique and sequential across the network (7000001...). */
export async function nextSessionNumber(trx: TransactionClientContract) {
  const row = await trx.from('exam_sessions').max('number as last').first()
  const last = Number(row?.last) || 0
  return Math.max(last + 1, FIRST_SESSION_NUMBER)
}

export interface SessionDraft {
  productId: number
  centreId: number
  /** Local date and time in the centre's zone: 'YYYY-MM-DD', 'HH:mm'. */
  date: string
  time: string
  place: string
  seats: number
  tests: string[]
  /** Cents HT: per test code, or '' for the single price. */
  prices: Record<string, number>
  vatRate: number
  visibility: OnlineVisibility
}

/** The session's start in UTC from the local date and time of its centre. */
export function startsAtOf(draft: Pick<SessionDraft, 'date' | 'time'>, zone: string) {
  return DateTime.fromISO(`${draft.date}T${draft.time}`, { zone }).toUTC()
}

/**
 * Creates the session, its tests and prices in one transaction, and keeps the
 * prices as the centre's tariff for the next session. A concurrent creation
 * that took the same number is retried with the next one.
 */
export async function createSession(
  actor: User,
  centre: Centre,
  product: Product,
  draft: SessionDraft
) {
  const startsAt = startsAtOf(draft, centre.timeZone)
  if (!startsAt.isValid || startsAt <= DateTime.utc()) throw new DomainError('session_in_past')
  await product.load('tests')
  const offered = product.modular
    ? product.tests.filter((t) => draft.tests.includes(t.code)).map((t) => t.code)
    : product.tests.map((t) => t.code)
  if (offered.length === 0) throw new DomainError('session_no_test')
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (trx) => {
        const session = await ExamSession.create(
          {
            number: await nextSessionNumber(trx),
            centreId: centre.id,
            productId: product.id,
            startsAt,
            registrationDeadline: registrationDeadline(startsAt, centre.timeZone),
            place: draft.place,
            seats: draft.seats,
            visibility: draft.visibility,
            status: 'planned',
            priceHt: product.modular ? null : (draft.prices[''] ?? 0),
            vatRate: draft.vatRate,
          },
          { client: trx }
        )
        await SessionTest.createMany(
          offered.map((code) => ({
            sessionId: session.id,
            testCode: code,
            priceHt: product.modular ? (draft.prices[code] ?? 0) : null,
          })),
          { client: trx }
        )
        await rememberTariff(trx, centre.id, product, draft)
        await AuditLog.record({
          actor,
          action: 'exam_session.created',
          entityType: 'exam_session',
          entityId: session.id,
          centreId: centre.id,
          after: {
            number: session.number,
            product: product.code,
            startsAt: startsAt.toISO(),
            seats: session.seats,
            tests: offered,
          },
          client: trx,
        })
        return session
      })
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue
      throw error
    }
  }
}

/** The prices of this session become the centre's tariff for the product. */
async function rememberTariff(
  trx: TransactionClientContract,
  centreId: number,
  product: Product,
  draft: SessionDraft
) {
  const codes = product.modular ? Object.keys(draft.prices).filter((c) => c !== '') : ['']
  const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
  for (const code of codes) {
    if (draft.prices[code] === undefined) continue
    await trx
      .table('tariffs')
      .insert({
        centre_id: centreId,
        product_id: product.id,
        test_code: code,
        price_ht: draft.prices[code],
        vat_rate: draft.vatRate,
        updated_at: now,
      })
      .onConflict(['centre_id', 'product_id', 'test_code'])
      .merge({ price_ht: draft.prices[code], vat_rate: draft.vatRate, updated_at: now })
  }
}

/** The centre's tariff for a product: prices by test code ('' = single) and VAT. */
export async function tariffOf(centreId: number, productId: number) {
  const rows = await Tariff.query().where('centre_id', centreId).where('product_id', productId)
  const prices: Record<string, number> = {}
  for (const row of rows) prices[row.testCode] = row.priceHt
  return { prices, vatRate: rows[0]?.vatRate ?? 2000, known: rows.length > 0 }
}

function isUniqueViolation(error: unknown) {
  const e = error as { code?: string; message?: string }
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '')
}

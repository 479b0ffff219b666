import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import AuditLog from '#shared/audit/audit_log'
import { DomainError } from '#shared/errors'
import { renderPdf } from '#shared/pdf/pdf'
import type { User } from '#accounts'
import type ExamSession from '#sessions/models/exam_session'
import PurchaseOrder from '#sessions/models/purchase_order'
import type { OrderLine } from '#sessions/models/purchase_order'
import Registration from '#sessions/models/registration'
import { formatMoney } from '#shared/money'

/**
 * The purchase order of a session from its registrations and prices: one line
 * per test for modular products (a price per test), one line per candidate
 * otherwise. Amounts in cents; VAT rounded once, on the total.
 */
export async function orderLines(session: ExamSession) {
  await session.load('tests')
  await session.load('product', (q) => q.preload('tests'))
  const registrations = await Registration.query()
    .where('session_id', session.id)
    .whereNot('status', 'cancelled')
    .preload('tests')
  const lines: OrderLine[] = []
  if (session.product.modular) {
    for (const test of session.product.tests) {
      const offered = session.tests.find((t) => t.testCode === test.code)
      if (!offered) continue
      const quantity = registrations.filter((r) =>
        r.tests.some((x) => x.testCode === test.code)
      ).length
      if (!quantity) continue
      const unitHt = offered.priceHt ?? 0
      lines.push({
        label: `${session.product.name} — ${test.code} ${test.name}`,
        quantity,
        unitHt,
        totalHt: unitHt * quantity,
      })
    }
  } else if (registrations.length) {
    const unitHt = session.priceHt ?? 0
    lines.push({
      label: session.product.name,
      quantity: registrations.length,
      unitHt,
      totalHt: unitHt * registrations.length,
    })
  }
  const totalHt = lines.reduce((sum, line) => sum + line.totalHt, 0)
  const totalVat = Math.round((totalHt * session.vatRate) / 10000)
  return { lines, totalHt, totalVat, totalTtc: totalHt + totalVat }
}

export type Order = Awaited<ReturnType<typeof orderLines>>

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A drawn signature sent as a PNG data URL: checked by its bytes, 300 KB at most. */
export function signatureImage(dataUrl: string) {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl.trim())
  if (!match) return null
  const bytes = Buffer.from(match[1], 'base64')
  if (bytes.length < 100 || bytes.length > 300 * 1024) return null
  return bytes.subarray(0, 8).equals(PNG) ? bytes : null
}

/** The purchase order PDF: the current quote, or the signed one with its signature. */
export function purchaseOrderPdf(
  session: ExamSession,
  order: Order,
  t: (key: string, params?: any) => string,
  signed?: { name: string; on: DateTime; signature: Buffer }
) {
  return renderPdf('sessions::pdf/purchase_order', {
    session,
    order,
    t,
    signed: signed
      ? {
          name: signed.name,
          on: signed.on.toFormat('dd/MM/yyyy'),
          image: `data:image/png;base64,${signed.signature.toString('base64')}`,
        }
      : null,
    date: session.startsAt.setZone(session.centre.timeZone).toFormat('dd/MM/yyyy HH:mm'),
    money: (cents: number) => formatMoney(cents),
    vat: (session.vatRate / 100).toLocaleString('fr-FR'),
  })
}

/**
 * Signs the purchase order: the lines are frozen as they are now, the signed
 * PDF is stored, and from then on the order cannot change.
 */
export async function signPurchaseOrder(
  actor: User,
  session: ExamSession,
  name: string,
  signature: Buffer,
  t: (key: string, params?: any) => string
) {
  const existing = await PurchaseOrder.findBy('session_id', session.id)
  if (existing) throw new DomainError('purchase_order_signed')
  const order = await orderLines(session)
  if (order.lines.length === 0) throw new DomainError('purchase_order_empty')
  await session.load('centre')
  const on = DateTime.now().setZone('Europe/Paris')
  const pdf = await purchaseOrderPdf(session, order, t, { name, on, signature })
  const folder = `sessions/${session.id}/purchase-order`
  const signatureKey = `${folder}/${randomUUID()}.png`
  const pdfKey = `${folder}/${randomUUID()}.pdf`
  await drive.use().put(signatureKey, signature)
  await drive.use().put(pdfKey, pdf)
  try {
    return await db.transaction(async (trx) => {
      const created = await PurchaseOrder.create(
        {
          sessionId: session.id,
          lines: order.lines,
          totalHt: order.totalHt,
          totalVat: order.totalVat,
          totalTtc: order.totalTtc,
          signedName: name,
          signedOn: DateTime.utc(on.year, on.month, on.day),
          signedBy: actor.id,
          signatureKey,
          pdfKey,
        },
        { client: trx }
      )
      await AuditLog.record({
        actor,
        action: 'purchase_order.signed',
        entityType: 'exam_session',
        entityId: session.id,
        centreId: session.centreId,
        after: { name, totalTtc: order.totalTtc, lines: order.lines.length },
        client: trx,
      })
      return created
    })
  } catch (error) {
    // Two signatures at once: the unique session_id keeps the first.
    await drive
      .use()
      .delete(signatureKey)
      .catch(() => undefined)
    await drive
      .use()
      .delete(pdfKey)
      .catch(() => undefined)
    if ((await PurchaseOrder.findBy('session_id', session.id)) !== null)
      throw new DomainError('purchase_order_signed')
    throw error
  }
}

import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Candidate } from '#candidates'
import { CreditProduct, assignCredits, deliverOrder, markOrderPaid, placeOrder } from '#orders'
import type { CreditType } from '#orders'
import type { User } from '#accounts'

/** The network's catalogue (seed 004 §4.3): one product per kind of credit, for every centre. */
export const CATALOGUE: {
  name: string
  type: CreditType
  reference: string
  unitPriceCents: number
  validityMonths: number
}[] = [
  {
    name: 'Partenaire - examen blanc à distance',
    type: 'mock_remote',
    reference: 'PART-BLANC-DIST',
    unitPriceCents: 7100,
    validityMonths: 12,
  },
  {
    name: 'Partenaire - examen blanc sur site',
    type: 'mock_onsite',
    reference: 'PART-BLANC-SITE',
    unitPriceCents: 7100,
    validityMonths: 12,
  },
  {
    name: 'Partenaire - examen blanc - validation manuelle',
    type: 'mock_manual',
    reference: 'PART-BLANC-MANUEL',
    unitPriceCents: 6500,
    validityMonths: 12,
  },
  {
    // Offered, as in the seed's "à consommer" example at 0,00 €.
    name: 'Partenaire - examen démo',
    type: 'demo',
    reference: 'PART-DEMO',
    unitPriceCents: 0,
    validityMonths: 24,
  },
  {
    name: 'Partenaire - examen officiel - en centre La Poste',
    type: 'official_partner',
    reference: 'PART-LAPOSTE-EXAMEN',
    unitPriceCents: 12900,
    validityMonths: 24,
  },
  {
    name: 'Partenaire - examen officiel - en centre agréé',
    type: 'official_approved',
    reference: 'PART-CLR-EXAMEN',
    unitPriceCents: 11500,
    validityMonths: 24,
  },
]

/** Negotiated for the Paris centre only: its cart shows seven products, the others six. */
const PARIS_ONLY = {
  name: 'CCI Paris - examen blanc sur site (tarif convention)',
  type: 'mock_onsite' as const,
  reference: 'CCIP-BLANC-SITE',
  unitPriceCents: 5900,
  validityMonths: 12,
}

const stamp = (at: DateTime) => at.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')

/**
 * The orders demo, through the orders services so that the stock and its
 * ledger are what the application itself would have written. Run after the
 * main transaction has committed: each service opens its own transaction.
 *
 * Paris (responsable@paris.test): an order delivered four months ago and
 * partly used (credits given to two candidates with no pending exam, one with
 * an activation code), one paid and waiting for delivery, one just placed.
 * Lyon: a delivered order, so that Claire Martin's portfolio spans two centres.
 */
export async function seedOrders(input: {
  paris: number
  lyon: number
  /** The network admin: places Lyon's order, which has no centre manager in the demo. */
  admin: User
  /** The account manager of both centres: validates (payment received) and delivers. */
  accountManager: User
  /** Paris's centre manager: orders and gives credits to candidates. */
  manager: User
}) {
  const products = new Map<string, CreditProduct>()
  for (const data of CATALOGUE) {
    const product = await CreditProduct.create({
      ...data,
      vatRateBp: 2000,
      status: 'active',
      allCentres: true,
    })
    products.set(product.reference, product)
  }
  const parisOnly = await CreditProduct.create({
    ...PARIS_ONLY,
    vatRateBp: 2000,
    status: 'active',
    allCentres: false,
  })
  await parisOnly.related('centres').attach([input.paris])
  products.set(parisOnly.reference, parisOnly)

  const cart = (quantities: Record<string, number>) =>
    new Map(
      Object.entries(quantities).map(([reference, quantity]) => [
        products.get(reference)!.id,
        quantity,
      ])
    )
  // Backdated steps happen in office hours, Paris time.
  const daysAgo = (days: number, hour: number, minute = 0) =>
    DateTime.now()
      .setZone('Europe/Paris')
      .minus({ days })
      .set({ hour, minute, second: 0, millisecond: 0 })

  // Paris, delivered four months ago; two of its credits given since.
  const delivered = await placeOrder(
    input.manager,
    input.paris,
    cart({ 'PART-BLANC-DIST': 10, 'PART-BLANC-MANUEL': 10, 'PART-DEMO': 5 })
  )
  await markOrderPaid(input.accountManager, delivered.id)
  await deliverOrder(input.accountManager, delivered.id)
  await backdate(delivered.id, daysAgo(122, 10, 14), daysAgo(120, 15, 40), daysAgo(119, 9, 5))
  const candidates = await Candidate.query()
    .where('centre_id', input.paris)
    .whereNot('exam_status', 'planned')
    .whereIn('email', ['beatriz.silva@example.test', 'amina.haddad@example.test'])
  const candidate = (email: string) => {
    const found = candidates.find((c) => c.email === email)
    if (!found) throw new Error(`Demo candidate ${email} missing or with an exam pending`)
    return found.id
  }
  // Beatriz has never sat an exam: a mock exam the centre supervises (activation code).
  await assignCredits(input.manager, input.paris, [candidate('beatriz.silva@example.test')], {
    type: 'mock_manual',
  })
  // Amina passed her TEF Canada: a remote mock exam before her next one.
  await assignCredits(input.manager, input.paris, [candidate('amina.haddad@example.test')], {
    type: 'mock_remote',
  })

  // Paris, paid last week: waiting for Claire Martin to deliver it.
  const paid = await placeOrder(input.manager, input.paris, cart({ 'PART-CLR-EXAMEN': 8 }))
  await markOrderPaid(input.accountManager, paid.id)
  await backdate(paid.id, daysAgo(8, 11, 32), daysAgo(5, 16, 10))

  // Paris, placed today: to validate once the transfer arrives (4 × 71,00 € as in the seed).
  await placeOrder(
    input.manager,
    input.paris,
    cart({ 'CCIP-BLANC-SITE': 15, 'PART-BLANC-DIST': 4 })
  )

  // Lyon, delivered three weeks ago, its stock untouched.
  const lyon = await placeOrder(
    input.admin,
    input.lyon,
    cart({ 'PART-BLANC-DIST': 20, 'PART-LAPOSTE-EXAMEN': 6 })
  )
  await markOrderPaid(input.accountManager, lyon.id)
  await deliverOrder(input.accountManager, lyon.id)
  await backdate(lyon.id, daysAgo(22, 9, 48), daysAgo(21, 14, 25), daysAgo(20, 10, 3))
}

/**
 * Moves an order placed, paid (and delivered) just now back to those dates,
 * as if it had lived through those weeks: its number (the year of the
 * order), its dates, its lines' expiry (the delivery day + validity, as
 * deliverOrder computes it) and its delivery movements.
 */
async function backdate(
  orderId: number,
  orderedAt: DateTime,
  paidAt: DateTime,
  deliveredAt: DateTime | null = null
) {
  await db.transaction(async (trx) => {
    const year = orderedAt.setZone('Europe/Paris').year
    await trx
      .from('credit_orders')
      .where('id', orderId)
      .update({
        number: `CMD-${year}-${String(orderId).padStart(5, '0')}`,
        ordered_at: stamp(orderedAt),
        paid_at: stamp(paidAt),
        created_at: stamp(orderedAt),
        ...(deliveredAt && { delivered_at: stamp(deliveredAt), updated_at: stamp(deliveredAt) }),
      })
    if (!deliveredAt) return
    const day = deliveredAt.setZone('Europe/Paris').startOf('day')
    const lines = await trx
      .from('credit_order_lines')
      .where('order_id', orderId)
      .select('id', 'validity_months')
    for (const line of lines) {
      const expiresOn = DateTime.utc(day.year, day.month, day.day).plus({
        months: Number(line.validity_months),
      })
      await trx
        .from('credit_order_lines')
        .where('id', line.id)
        .update({ expires_on: expiresOn.toISODate() })
    }
    await trx
      .from('credit_movements')
      .whereIn(
        'order_line_id',
        lines.map((line) => line.id)
      )
      .where('kind', 'delivered')
      .update({ created_at: stamp(deliveredAt) })
  })
}

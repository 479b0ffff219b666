import { statusCounts } from '#candidates'
import { GROUP_CATEGORIES, Group } from '#centres'
import type { Actor } from '#shared/roles'
import { scopeToCentres } from '#shared/tenancy'
import type { DashboardBox, DashboardContribution, DashboardTodo } from '#shared/ui/dashboard'
import CreditOrder from '#orders/models/credit_order'
import { stockOf } from '#orders/services/stock'

/**
 * Seed 004 §3's home for a centre: "Certifications restantes" per type,
 * "Candidats" (to assign, pending, passed) and "Groupes" per category. The
 * network is told how many orders wait to be validated or delivered.
 */
export async function ordersDashboard(actor: Actor): Promise<DashboardContribution> {
  if (actor.role === 'network_admin' || actor.role === 'account_manager') {
    const todo: DashboardTodo[] = []
    const rows = await scopeToCentres(CreditOrder.query(), actor)
      .whereIn('status', ['to_validate', 'paid'])
      .groupBy('status')
      .select('status')
      .count('* as total')
    for (const [status, key, section] of [
      ['to_validate', 'orders.todo_validate', 'to_validate'],
      ['paid', 'orders.todo_deliver', 'to_validate'],
    ] as const) {
      const count = Number(rows.find((row) => row.status === status)?.$extras.total ?? 0)
      if (count) todo.push({ key, params: { count }, count, href: `/orders?section=${section}` })
    }
    return { todo }
  }
  if (actor.role !== 'centre_manager' && actor.role !== 'centre_staff') return {}

  // The three boxes' figures, read at once.
  const [stock, { counts: count }, byCategory] = await Promise.all([
    stockOf(actor),
    statusCounts(actor),
    Group.visibleTo(Group.query(), actor)
      .groupBy('category')
      .select('category')
      .count('* as total'),
  ])
  const credits: DashboardBox = {
    name: 'credits',
    key: 'orders.home.credits',
    total: stock.reduce((sum, row) => sum + row.remaining, 0),
    figures: stock.map((row) => ({ key: `orders.types.${row.type}`, value: row.remaining })),
    actions: [
      {
        key: 'orders.home.order',
        href: actor.role === 'centre_manager' ? '/orders/new' : '/orders',
      },
    ],
  }

  const candidates: DashboardBox = {
    name: 'candidates',
    key: 'orders.home.candidates',
    total: Object.values(count).reduce((sum, value) => sum + value, 0),
    figures: [
      { key: 'orders.home.to_assign', value: count.to_assign + count.expired },
      { key: 'orders.home.pending', value: count.planned },
      { key: 'orders.home.passed', value: count.passed },
    ],
    actions: [
      { key: 'orders.home.create_candidate', href: '/candidates/create' },
      { key: 'orders.codes.show_many', href: '/activation-codes' },
    ],
  }

  const groups: DashboardBox = {
    name: 'groups',
    key: 'orders.home.groups',
    total: byCategory.reduce((sum, row) => sum + Number(row.$extras.total), 0),
    figures: GROUP_CATEGORIES.map((category) => ({
      key: `groups.category_${category}`,
      value: Number(byCategory.find((row) => row.category === category)?.$extras.total ?? 0),
    })),
    actions: [{ key: 'orders.home.create_group', href: '/groups/create' }],
  }
  return { boxes: [credits, candidates, groups] }
}

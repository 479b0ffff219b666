import { DateTime } from 'luxon'
import type { Actor } from '#shared/roles'
import { isNetworkRole } from '#shared/roles'
import { scopeToCentres } from '#shared/tenancy'
import type { DashboardContribution } from '#shared/ui/dashboard'
import AccountRequest from '#messaging/models/account_request'
import { canUseMessaging, unreadCount } from '#messaging/services/messaging'

/**
 * Messaging's share of the dashboard: outcomes of the centre's account
 * requests, unread conversations, and for the network the requests to decide.
 */
export async function messagingDashboard(actor: Actor): Promise<DashboardContribution> {
  if (!canUseMessaging(actor)) return {}
  const contribution: Required<Pick<DashboardContribution, 'informations' | 'todo'>> = {
    informations: [],
    todo: [],
  }

  const unread = await unreadCount(actor)
  if (unread)
    contribution.todo.push({
      key: 'dashboard.todo_unread',
      params: { count: unread },
      count: unread,
      href: '/messages?unread=yes',
    })

  if (isNetworkRole(actor.role)) {
    const pending = scopeToCentres(AccountRequest.query(), actor).where('status', 'submitted')
    if (actor.role === 'account_manager') pending.where('role', 'centre_staff')
    const rows = await pending.count('* as total')
    const count = Number(rows[0].$extras.total)
    if (count)
      contribution.todo.push({
        key: 'dashboard.todo_account_requests',
        params: { count },
        count,
        href: '/messages?type=account_request&status=open',
      })
    return contribution
  }

  const decided = await scopeToCentres(AccountRequest.query(), actor)
    .whereIn('status', ['accepted', 'refused'])
    .where('decided_at', '>', DateTime.utc().minus({ days: 60 }).toFormat('yyyy-MM-dd HH:mm:ss'))
    .orderBy('decided_at', 'desc')
    .limit(10)
  for (const request of decided) {
    contribution.informations.push({
      at: request.decidedAt!,
      key: `dashboard.info_account_${request.status}`,
      params: { name: `${request.firstName} ${request.lastName.toUpperCase()}` },
      href: `/messages/${request.conversationId}`,
      tone: request.status === 'accepted' ? 'success' : 'danger',
    })
  }
  return contribution
}

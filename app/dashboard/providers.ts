import type { DashboardProvider } from '#shared/ui/dashboard'
import { messagingDashboard } from '#messaging'
import { sessionsDashboard } from '#sessions'
import { ordersDashboard } from '#orders'

/**
 * The modules that contribute to the dashboard, each through its public API.
 * A new module adds its provider here; the dashboard itself does not change.
 */
export const DASHBOARD_PROVIDERS: DashboardProvider[] = [
  ordersDashboard,
  messagingDashboard,
  sessionsDashboard,
]

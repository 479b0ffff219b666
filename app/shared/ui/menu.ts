import type { Role } from '#shared/roles'

export interface MenuItem {
  /** i18n key under menu.* and the slug of its "coming soon" page. */
  key: string
  /** Real page, or null while its module has not landed (then /soon/<key>). */
  href: string | null
  children?: MenuItem[]
}

const item = (key: string, href: string | null = null, children?: MenuItem[]): MenuItem => ({
  key,
  href,
  children,
})

const centreMenu = [
  item('dashboard', '/'),
  item('messaging', '/messages'),
  item('sessions', null, [
    item('sessions_list', '/sessions'),
    item('session_create', '/sessions/create'),
    item('exam_passport', '/passport'),
  ]),
  item('candidates', null, [
    item('candidates_list', '/candidates'),
    item('groups', '/groups'),
    item('preregistrations', '/preregistrations'),
  ]),
  item('orders', '/orders'),
  item('my_centre', null, [
    item('centre_profile', '/my-centre'),
    item('my_users', '/users'),
    item('classes', '/classes'),
    item('tariffs', '/tariffs'),
  ]),
]

const MENUS: Record<Role, MenuItem[]> = {
  network_admin: [
    item('dashboard', '/'),
    item('messaging', '/messages'),
    item('centres', '/centres'),
    item('sessions', '/sessions'),
    item('candidates', null, [
      item('candidates_list', '/candidates'),
      item('registrations'),
      item('accommodations', '/requests/accommodations'),
      item('anomalies', '/anomalies'),
      item('exemptions', '/requests/exemptions'),
      item('frauds', '/requests/frauds'),
      item('appeals', '/requests/appeals'),
      item('postponements', '/requests/postponements'),
    ]),
    item('orders', '/orders'),
    item('network', null, [
      item('users', '/users'),
      item('products', '/products'),
      item('credit_products', '/credit-products'),
      item('credit_results', '/credit-results'),
      item('partner_sessions', '/partner-sessions'),
      item('frameworks', '/frameworks'),
      item('audit', '/admin/audit'),
      item('retention', '/candidates/retention'),
      item('results_settings', '/results/settings'),
      item('passport_settings', '/passport/settings'),
    ]),
  ],
  account_manager: [
    item('dashboard', '/'),
    item('messaging', '/messages'),
    item('centres', '/centres'),
    item('sessions', '/sessions'),
    item('candidates', null, [
      item('candidates_list', '/candidates'),
      item('registrations'),
      item('accommodations', '/requests/accommodations'),
      item('anomalies', '/anomalies'),
      item('exemptions', '/requests/exemptions'),
      item('frauds', '/requests/frauds'),
      item('appeals', '/requests/appeals'),
      item('postponements', '/requests/postponements'),
    ]),
    item('orders', '/orders'),
    item('users', '/users'),
  ],
  centre_manager: centreMenu,
  centre_staff: centreMenu.map((i) =>
    i.key === 'my_centre'
      ? { ...i, children: i.children!.filter((c) => !['my_users', 'classes'].includes(c.key)) }
      : i
  ),
  evaluator: [item('exam_passport', '/passport')],
  teacher: [
    item('dashboard', '/'),
    item('classes', '/classes'),
    item('scenarios', '/scenarios'),
    item('evaluations', '/evaluations'),
    item('pro_passports', '/pro-passports'),
  ],
  learner: [
    item('dashboard', '/'),
    item('my_passport', '/my/passport'),
    item('my_evaluations', '/my/evaluations'),
    item('my_results', '/my/results'),
  ],
}

export function menuFor(role: Role): MenuItem[] {
  return MENUS[role] ?? []
}

/** Finds an entry (at any depth) of a role's menu by key. */
export function menuItem(role: Role, key: string): MenuItem | undefined {
  const walk = (items: MenuItem[]): MenuItem | undefined => {
    for (const entry of items) {
      if (entry.key === key) return entry
      const found = entry.children && walk(entry.children)
      if (found) return found
    }
  }
  return walk(menuFor(role))
}

export function hrefOf(entry: MenuItem) {
  return entry.href ?? `/soon/${entry.key}`
}

/**
 * The menu entry a page belongs to: the longest href that the path equals or
 * continues ("/candidates/12" is under "/candidates"). The dashboard ("/")
 * only owns itself.
 */
export function activeHref(role: Role, url: string): string | null {
  const path = url.split('?')[0]
  let best: string | null = null
  const walk = (items: MenuItem[]) => {
    for (const entry of items) {
      const href = entry.href
      if (
        href &&
        (path === href || (href !== '/' && path.startsWith(`${href}/`))) &&
        (!best || href.length > best.length)
      )
        best = href
      if (entry.children) walk(entry.children)
    }
  }
  walk(menuFor(role))
  return best
}

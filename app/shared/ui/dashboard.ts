import type { DateTime } from 'luxon'
import type { Actor } from '#shared/roles'

/**
 * What a module adds to the dashboard (seed 001 part 1). The dashboard asks
 * every module's provider and lays the answers out; modules know nothing of it.
 */
export interface DashboardInfo {
  at: DateTime
  /** i18n key and params of the sentence ("Votre demande ... a été validée"). */
  key: string
  params?: Record<string, string | number>
  href?: string
  tone?: 'success' | 'danger' | 'info' | 'warning'
}

export interface DashboardTodo {
  key: string
  params?: Record<string, string | number>
  count: number
  href: string
}

/** A row of the "5 prochaines sessions" box. */
export interface DashboardSession {
  at: DateTime
  zone: string
  label: string
  status: string
  href: string
}

/**
 * An indicator box (seed 004 §3: "Certifications restantes", "Candidats",
 * "Groupes"): a total, figures with their i18n label, and action links.
 */
export interface DashboardBox {
  name: string
  key: string
  total: number
  figures: { key: string; value: number }[]
  actions: { key: string; href: string }[]
}

export interface DashboardContribution {
  informations?: DashboardInfo[]
  todo?: DashboardTodo[]
  sessions?: DashboardSession[]
  boxes?: DashboardBox[]
}

export type DashboardProvider = (actor: Actor) => Promise<DashboardContribution>

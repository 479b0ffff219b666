import type { User } from '#accounts'
import type Candidate from '#candidates/models/candidate'

/** A card of the candidate file drawn by another module's view. */
export interface FilePanel {
  view: string
  data: Record<string, unknown>
}

/** A button above the candidates table ("Gérer les certifications"...): i18n key and link. */
export interface TableAction {
  key: string
  href: string
}

/**
 * How a module that builds on candidates (orders: credits, codes, results,
 * documents) shows itself on the candidate file and above the table,
 * without the candidates module knowing it.
 */
export interface CandidateExtension {
  name: string
  filePanel?(candidate: Candidate, actor: User): Promise<FilePanel | null>
  tableActions?(actor: User): Promise<TableAction[]>
}

const extensions: CandidateExtension[] = []

export function registerCandidateExtension(extension: CandidateExtension) {
  if (!extensions.some((e) => e.name === extension.name)) extensions.push(extension)
}

export async function filePanels(candidate: Candidate, actor: User) {
  const panels: FilePanel[] = []
  for (const extension of extensions) {
    const panel = await extension.filePanel?.(candidate, actor)
    if (panel) panels.push(panel)
  }
  return panels
}

export async function tableActions(actor: User) {
  const actions: TableAction[] = []
  for (const extension of extensions)
    actions.push(...((await extension.tableActions?.(actor)) ?? []))
  return actions
}

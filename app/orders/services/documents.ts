import { DateTime } from 'luxon'
import { appUrl } from '#config/app'
import { Candidate } from '#candidates'
import { renderPdf, renderPdfBatch } from '#shared/pdf/pdf'
import { mergePdfs } from '#shared/pdf/pdf_renderer'
import { qrSvg } from '#shared/qr'
import type { Actor } from '#shared/roles'
import { scopeToCentres } from '#shared/tenancy'
import CreditAssignment from '#orders/models/credit_assignment'
import CreditResult from '#orders/models/credit_result'

/**
 * The documents of a certification (seed 004 §6.10–6.12): the detailed
 * report (bilan détaillé) and the attendance attestation once the exam is
 * passed, the registration attestation once a credit is assigned (demo exams
 * have none).
 */
export const DOCUMENT_KINDS = ['report', 'registration', 'attendance'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

type Translate = (key: string, params?: Record<string, unknown>) => string

export function isDocumentKind(value: unknown): value is DocumentKind {
  return (DOCUMENT_KINDS as readonly unknown[]).includes(value)
}

/** The candidates (of the actor's centres) for whom a document exists, as a subquery. */
export function holdersOf(kind: DocumentKind) {
  return (sub: any) => {
    if (kind === 'registration')
      sub
        .from('credit_assignments')
        .whereColumn('credit_assignments.candidate_id', 'candidates.id')
        .whereIn('credit_assignments.status', ['planned', 'passed'])
        .whereNot('credit_assignments.type', 'demo')
    else
      sub
        .from('credit_results')
        .whereColumn('credit_results.candidate_id', 'candidates.id')
        .where((w: any) =>
          kind === 'attendance' ? w.whereNot('credit_results.type', 'demo') : w.whereRaw('1 = 1')
        )
  }
}

interface Sources {
  /** Each candidate's latest credit that has a registration attestation. */
  assignments: Map<number, CreditAssignment>
  /** Each candidate's results, latest first. */
  results: Map<number, CreditResult[]>
}

/** What the documents of these candidates are made from, in two queries. */
async function sourcesOf(candidateIds: number[]): Promise<Sources> {
  const assignments = await CreditAssignment.query()
    .whereIn('candidate_id', candidateIds)
    .whereIn('status', ['planned', 'passed'])
    .whereNot('type', 'demo')
    .preload('line')
    .orderBy('id', 'asc')
  const results = await CreditResult.query()
    .whereIn('candidate_id', candidateIds)
    .orderBy('passed_on', 'desc')
    .orderBy('id', 'desc')
  const byCandidate = new Map<number, CreditResult[]>()
  for (const result of results)
    byCandidate.set(result.candidateId, [...(byCandidate.get(result.candidateId) ?? []), result])
  return {
    assignments: new Map(assignments.map((a) => [a.candidateId, a])),
    results: byCandidate,
  }
}

/** What one document says about one candidate, or null when it does not exist for them. */
async function documentItem(
  kind: DocumentKind,
  candidate: Candidate,
  t: Translate,
  sources: Sources
) {
  const base = { kind, t, candidate, centreName: candidate.centre?.name ?? '' }
  if (kind === 'registration') {
    const assignment = sources.assignments.get(candidate.id)
    if (!assignment) return null
    return {
      ...base,
      title: t('orders.documents.registration_title'),
      type: t(`orders.types.${assignment.type}`),
      examDate: assignment.examDate?.toFormat('dd/MM/yyyy') ?? null,
      validUntil: assignment.line.expiresOn?.toFormat('dd/MM/yyyy') ?? null,
      assignedOn: assignment.assignedAt.setZone('Europe/Paris').toFormat('dd/MM/yyyy'),
      code: null,
    }
  }
  const result = (sources.results.get(candidate.id) ?? []).find(
    (r) => kind === 'report' || r.type !== 'demo'
  )
  if (!result) return null
  const url = `${appUrl.replace(/\/$/, '')}/verify/${result.publicCode}`
  return {
    ...base,
    title: t(
      kind === 'report' ? 'orders.documents.report_title' : 'orders.documents.attendance_title'
    ),
    type: t(`orders.types.${result.type}`),
    result,
    passedOn: result.passedOn.toFormat('dd/MM/yyyy'),
    validUntil: result.validUntil.toFormat('dd/MM/yyyy'),
    validation: t(`candidates.exam_validation.${result.validation}`),
    code: result.publicCode,
    url,
    qr: await qrSvg(url),
    issuedOn: DateTime.now().setZone('Europe/Paris').toFormat('dd/MM/yyyy'),
  }
}

/** One document of one candidate as a PDF, or null when it does not exist. */
export async function documentPdf(kind: DocumentKind, candidate: Candidate, t: Translate) {
  await candidate.load('centre')
  const item = await documentItem(kind, candidate, t, await sourcesOf([candidate.id]))
  return item ? renderPdf('orders::pdf/document', item) : null
}

/** The selected candidates the actor may see, in name order, with their centre. */
export function visibleCandidates(actor: Actor, ids: number[]) {
  return scopeToCentres(Candidate.query(), actor)
    .whereIn('id', ids)
    .whereNull('anonymised_at')
    .preload('centre')
    .orderBy('last_name')
    .orderBy('first_name')
}

/**
 * Many documents as one PDF, candidate by candidate (each with the chosen
 * kinds, those that exist), printed 100 at a time; `progress` is told after
 * each chunk. Candidates with none of the documents are skipped.
 */
export async function documentsPdf(
  kinds: DocumentKind[],
  candidates: Candidate[],
  t: Translate,
  progress: (done: number) => Promise<void>
) {
  const parts: Uint8Array[] = []
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const items = []
    const chunk = candidates.slice(i, i + CHUNK)
    const sources = await sourcesOf(chunk.map((c) => c.id))
    for (const candidate of chunk)
      for (const kind of kinds) {
        const item = await documentItem(kind, candidate, t, sources)
        if (item) items.push(item)
      }
    if (items.length) parts.push(await renderPdfBatch('orders::pdf/document', items))
    await progress(Math.min(i + CHUNK, candidates.length))
  }
  if (parts.length === 0) return null
  return parts.length === 1 ? parts[0] : mergePdfs(parts)
}

const CHUNK = 100

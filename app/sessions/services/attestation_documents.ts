import drive from '@adonisjs/drive/services/main'
import { DateTime } from 'luxon'
import { appUrl } from '#config/app'
import { renderPdf, renderPdfBatch } from '#shared/pdf/pdf'
import { mergePdfs } from '#shared/pdf/pdf_renderer'
import { qrSvg } from '#shared/qr'
import type Attestation from '#sessions/models/attestation'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** The public page a QR code of an attestation points to. */
export function verificationUrl(code: string) {
  return `${appUrl.replace(/\/$/, '')}/verify/${code}`
}

/** The candidate's photo as an inline image (PDFs load nothing from outside). */
async function photoOf(key: string | null) {
  if (!key) return null
  try {
    const bytes = await drive.use().getBytes(key)
    const mime = key.endsWith('.png')
      ? 'image/png'
      : key.endsWith('.webp')
        ? 'image/webp'
        : 'image/jpeg'
    return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`
  } catch {
    return null
  }
}

async function viewData(attestation: Attestation, t: Translate) {
  await attestation.load('registration', (q) => q.preload('candidate'))
  const snapshot = attestation.snapshot
  return {
    t,
    attestation,
    snapshot,
    photo: await photoOf(attestation.registration.candidate.photoKey),
    qr: await qrSvg(verificationUrl(attestation.code)),
    url: verificationUrl(attestation.code),
    sessionDate: DateTime.fromISO(snapshot.sessionDate).toFormat('dd/MM/yyyy'),
    birthDate: snapshot.birthDate
      ? DateTime.fromISO(snapshot.birthDate).toFormat('dd/MM/yyyy')
      : null,
    issuedOn: attestation.issuedAt.setZone('Europe/Paris').toFormat('dd/MM/yyyy'),
    validUntil: attestation.validUntil.toFormat('dd/MM/yyyy'),
  }
}

/** One attestation as a PDF. */
export async function attestationPdf(attestation: Attestation, t: Translate) {
  return renderPdf('sessions::pdf/attestation', await viewData(attestation, t))
}

/**
 * Many attestations as one PDF, in order, printed in batches of 100 (each a
 * few big prints, see renderPdfBatch); `progress` is told after each batch.
 */
export async function attestationsPdf(
  attestations: Attestation[],
  t: Translate,
  progress: (done: number) => Promise<void>
) {
  const parts: Uint8Array[] = []
  for (let i = 0; i < attestations.length; i += BATCH) {
    const items = []
    for (const attestation of attestations.slice(i, i + BATCH))
      items.push(await viewData(attestation, t))
    parts.push(await renderPdfBatch('sessions::pdf/attestation', items))
    await progress(Math.min(i + BATCH, attestations.length))
  }
  return parts.length === 1 ? parts[0] : mergePdfs(parts)
}

const BATCH = 100

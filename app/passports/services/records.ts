import archiver from 'archiver'
import drive from '@adonisjs/drive/services/main'
import type { Registration } from '#sessions'
import { renderPdf } from '#shared/pdf/pdf'
import ExamPassport from '#passports/models/exam_passport'
import PassportMedia from '#passports/models/passport_media'
import PassportPart from '#passports/models/passport_part'
import { captureBank } from '#passports/services/parts'

/**
 * What the portal shows of a passport (seed 000 part 5): the latest photo and
 * signature, and per oral part its subject, its grid with the criteria's
 * labels, and its clips in order.
 */
export async function passportRecord(registration: Registration) {
  const bank = await captureBank(registration)
  const passport = await ExamPassport.findBy('registration_id', registration.id)
  const media = passport
    ? await PassportMedia.query().where('passport_id', passport.id).orderBy('captured_at')
    : []
  const parts = passport
    ? await PassportPart.query().where('passport_id', passport.id)
    : ([] as PassportPart[])
  const latest = (kind: 'photo' | 'signature') =>
    media.filter((m) => m.kind === kind).at(-1) ?? null
  return {
    passport,
    photo: latest('photo'),
    signature: latest('signature'),
    parts: bank.map((part) => {
      const saved = parts.find((p) => p.part === part.part) ?? null
      return {
        ...part,
        subject: saved ? (part.subjects.find((s) => s.id === saved.subjectId) ?? null) : null,
        gradedAt: saved?.gradedAt ?? null,
        grid: part.criteria.map((criterion) => ({
          label: criterion.label,
          level: saved?.grid[String(criterion.id)] ?? null,
        })),
        clips: media.filter((m) => m.kind === 'clip' && m.part === part.part),
      }
    }),
  }
}

/**
 * The candidate's passport as a zip (seed 000 part 8): photo, signature,
 * recordings, the grids as a PDF, and a manifest with each file's hash.
 */
export async function passportZip(
  registration: Registration,
  t: (key: string, data?: Record<string, unknown>) => string
) {
  const record = await passportRecord(registration)
  await registration.load('candidate')
  const pdf = await renderPdf('passports::pdf/grids', { registration, record, t })
  const files = [record.photo, record.signature, ...record.parts.flatMap((p) => p.clips)].filter(
    (m): m is PassportMedia => m !== null && m.storageKey !== null
  )
  const name = (m: PassportMedia) =>
    `${m.kind}${m.part ? '-' + m.part : ''}-${m.id}.${m.storageKey!.split('.').pop()}`
  const zip = archiver('zip', { zlib: { level: 6 } })
  zip.append(
    JSON.stringify(
      {
        registration: registration.number,
        candidate: `${registration.candidate.lastName} ${registration.candidate.firstName}`,
        conditionsAcceptedAt: record.passport?.conditionsAcceptedAt?.toISO() ?? null,
        files: [record.photo, record.signature, ...record.parts.flatMap((p) => p.clips)]
          .filter((m): m is PassportMedia => m !== null)
          .map((m) => ({
            file: m.storageKey ? name(m) : null,
            kind: m.kind,
            part: m.part,
            size: m.size,
            sha256: m.sha256,
            capturedAt: m.capturedAt.toISO(),
            purgedAt: m.purgedAt?.toISO() ?? null,
          })),
      },
      null,
      2
    ),
    { name: 'manifest.json' }
  )
  zip.append(pdf, { name: 'grilles.pdf' })
  for (const file of files)
    zip.append(await drive.use().getStream(file.storageKey!), { name: name(file) })
  void zip.finalize()
  return zip
}

import vine from '@vinejs/vine'

export const scenarioValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(200),
  level: vine.string().trim().maxLength(60).optional(),
  visibility: vine.enum(['private', 'public'] as const),
  context: vine.string().trim().maxLength(5000).optional(),
  materials: vine.string().trim().maxLength(2000).optional(),
  links: vine.string().trim().maxLength(3000).optional(),
  resources: vine.string().trim().maxLength(5000).optional(),
})

export const duplicateValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(200),
  level: vine.string().trim().maxLength(60).optional(),
})

/** One web address per line: http(s) only, at most 10. */
export function parseLinks(raw: string | undefined) {
  const lines = (raw ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  if (lines.length > 10) return { error: 'too_many' as const }
  for (const line of lines) {
    try {
      const url = new URL(line)
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return { error: 'invalid' as const, line }
    } catch {
      return { error: 'invalid' as const, line }
    }
  }
  return { links: lines }
}

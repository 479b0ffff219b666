import unzipper from 'unzipper'

export type ZipVerdict =
  | { ok: true; entries: number; inflatedBytes: number }
  | { ok: false; reason: 'too_many_entries' | 'too_large_inflated' | 'unsafe_name' | 'corrupt' }

/** An entry name that would land outside the folder it is extracted to. */
export function unsafeEntryName(name: string) {
  const path = name.replace(/\\/g, '/')
  return (
    path.startsWith('/') ||
    /^[a-zA-Z]:/.test(path) ||
    path.split('/').includes('..') ||
    path.includes('\0')
  )
}

/**
 * Reads a zip (an attachment, an xlsx) entry by entry, inflating each once
 * and counting bytes, before anyone trusts it: at most `maxEntries` entries
 * and `maxInflatedBytes` once inflated (a zip bomb stops being read as soon
 * as it passes the limit, nothing more is inflated), no entry name escaping
 * its folder ("../", absolute paths). A file that is not a readable zip is
 * 'corrupt'.
 */
export async function inspectZip(
  filePath: string,
  limits: { maxEntries: number; maxInflatedBytes: number }
): Promise<ZipVerdict> {
  let directory: Awaited<ReturnType<typeof unzipper.Open.file>>
  try {
    // The central directory: a truncated or fake zip has none and stops here.
    directory = await unzipper.Open.file(filePath)
  } catch {
    return { ok: false, reason: 'corrupt' }
  }
  const entries = directory.files
  if (entries.length === 0) return { ok: false, reason: 'corrupt' }
  if (entries.length > limits.maxEntries) return { ok: false, reason: 'too_many_entries' }
  if (entries.some((entry) => unsafeEntryName(entry.path)))
    return { ok: false, reason: 'unsafe_name' }
  // Declared sizes can lie: inflate each entry, counting, and stop at the limit.
  let inflatedBytes = 0
  try {
    for (const entry of entries) {
      if (entry.type === 'Directory') continue
      for await (const chunk of entry.stream()) {
        inflatedBytes += (chunk as Buffer).length
        if (inflatedBytes > limits.maxInflatedBytes)
          return { ok: false, reason: 'too_large_inflated' }
      }
    }
  } catch {
    return { ok: false, reason: 'corrupt' }
  }
  return { ok: true, entries: entries.length, inflatedBytes }
}

/**
 * A zip whose central directory lists a workbook's parts. file-type recognises
 * an xlsx only when [Content_Types].xml comes within its first bytes, and
 * streaming writers (exceljs's, ours) write it after the sheets.
 */
export async function isWorkbook(filePath: string) {
  try {
    const directory = await unzipper.Open.file(filePath)
    const paths = new Set(directory.files.map((entry) => entry.path))
    return paths.has('[Content_Types].xml') && paths.has('xl/workbook.xml')
  } catch {
    return false
  }
}

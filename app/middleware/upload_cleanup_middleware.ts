import { rm } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * The body parser writes every uploaded file to the system's temporary folder
 * and never removes it. Once the request is answered, whatever happened (kept
 * in Drive, refused, an error), the copy goes: an imported list of candidates
 * must not linger on disk, nor fill it.
 */
export default class UploadCleanupMiddleware {
  async handle({ request }: HttpContext, next: NextFn) {
    try {
      return await next()
    } finally {
      await Promise.all(uploadedPaths(request.allFiles()).map((path) => rm(path, { force: true })))
    }
  }
}

/** The temporary paths of the files of a request (fields may nest: a[b][]). */
function uploadedPaths(files: unknown): string[] {
  if (!files || typeof files !== 'object') return []
  if ('tmpPath' in files) return typeof files.tmpPath === 'string' ? [files.tmpPath] : []
  return Object.values(files).flatMap(uploadedPaths)
}

/** The part of archiver's API we use (types are not installed). */
declare module 'archiver' {
  import type { Readable, Transform } from 'node:stream'
  interface Archiver extends Transform {
    append(source: Readable | Buffer | string, data: { name: string }): this
    finalize(): Promise<void>
    abort(): this
  }
  function archiver(
    format: 'zip',
    options?: { zlib?: { level?: number }; store?: boolean }
  ): Archiver
  export default archiver
}

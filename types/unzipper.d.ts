/** The part of unzipper's API we use (it ships no types). */
declare module 'unzipper' {
  import type { Duplex, Readable } from 'node:stream'

  interface CentralDirectoryEntry {
    path: string
    type: 'File' | 'Directory'
    uncompressedSize: number
    compressedSize: number
    crc32: number
    lastModifiedDateTime: Date
    stream(): Readable
    buffer(): Promise<Buffer>
  }

  const unzipper: {
    Parse(options?: { forceStream?: boolean }): Duplex
    Open: { file(path: string): Promise<{ files: CentralDirectoryEntry[] }> }
  }
  export default unzipper
}

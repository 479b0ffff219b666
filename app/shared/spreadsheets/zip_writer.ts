import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib'

/**
 * A streaming zip writer (PKWARE APPNOTE 6.3), just what an xlsx needs: each
 * entry deflated as it is written, its CRC and sizes in a data descriptor
 * after the data, the central directory at the end. Nothing of an entry is
 * held in memory beyond zlib's window and the output's buffer: the writer
 * waits for the output to drain.
 *
 * No ZIP64: an entry or the archive over 4 GiB is refused (an xlsx sheet of a
 * million rows is a few hundred MB before compression).
 */
const LIMIT = 0xffff_ffff
/** Bit 3: sizes and CRC in a data descriptor; bit 11: names in UTF-8. */
const FLAGS = 0x0808
const DEFLATE = 8

interface Entry {
  name: Buffer
  offset: number
  crc: number
  size: number
  compressed: number
  time: number
  date: number
}

export class ZipTooLargeError extends Error {}

/** The output went away (a client that disconnected): writing stops. */
export class OutputClosedError extends Error {}

/**
 * Waits until `output` takes more bytes; rejects if it closes first (a client
 * that went away), where waiting for 'drain' alone would wait forever.
 */
export function drained(output: Writable) {
  return new Promise<void>((resolve, reject) => {
    if (output.destroyed) return reject(new OutputClosedError('output closed'))
    const done = () => {
      output.off('drain', done)
      output.off('close', done)
      if (output.destroyed) reject(new OutputClosedError('output closed'))
      else resolve()
    }
    output.on('drain', done)
    output.on('close', done)
  })
}

/** MS-DOS time and date of a moment, as zip headers keep them (local time, 2-second steps). */
function dosDateTime(moment: Date) {
  const year = Math.max(moment.getFullYear(), 1980)
  return {
    time: (moment.getHours() << 11) | (moment.getMinutes() << 5) | (moment.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((moment.getMonth() + 1) << 5) | moment.getDate(),
  }
}

export class ZipWriter {
  private offset = 0
  private entries: Entry[] = []

  constructor(
    private output: Writable,
    private options: { level?: number; now?: Date } = {}
  ) {}

  /** Writes bytes to the output, waiting while its buffer is full. */
  private async put(bytes: Buffer) {
    this.offset += bytes.length
    if (this.offset > LIMIT) throw new ZipTooLargeError('zip archive over 4 GiB')
    if (this.output.destroyed) throw new OutputClosedError('output closed')
    if (!this.output.write(bytes)) await drained(this.output)
  }

  /**
   * Adds an entry whose content `produce` writes piece by piece; each write
   * resolves once zlib has room for more.
   */
  async entry(name: string, produce: (write: (text: string) => Promise<void>) => Promise<void>) {
    const { time, date } = dosDateTime(this.options.now ?? new Date())
    const entry: Entry = {
      name: Buffer.from(name, 'utf8'),
      offset: this.offset,
      crc: 0,
      size: 0,
      compressed: 0,
      time,
      date,
    }
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
    header.writeUInt16LE(FLAGS, 6)
    header.writeUInt16LE(DEFLATE, 8)
    header.writeUInt16LE(time, 10)
    header.writeUInt16LE(date, 12)
    // CRC and sizes (14–25) stay zero: they follow the data.
    header.writeUInt16LE(entry.name.length, 26)
    await this.put(Buffer.concat([header, entry.name]))

    const deflate = createDeflateRaw({ level: this.options.level ?? 6 })
    // Failures are taken from `failure` below; an 'error' event alone must not crash the process.
    deflate.on('error', () => {})
    let failure: unknown = null
    const flowing = this.pump(deflate, entry).catch((error) => {
      failure = error
      deflate.destroy(error)
    })
    /** Why writing stopped: the output's failure first (the deflate stream's is its echo). */
    const stopped = async (error?: unknown) => {
      await flowing
      return failure ?? error ?? new OutputClosedError('output closed')
    }
    const write = async (text: string) => {
      if (failure || deflate.destroyed) throw await stopped()
      const bytes = Buffer.from(text, 'utf8')
      entry.crc = crc32(bytes, entry.crc)
      entry.size += bytes.length
      if (entry.size > LIMIT) throw new ZipTooLargeError(`zip entry ${name} over 4 GiB`)
      if (deflate.write(bytes)) return
      try {
        await once(deflate, 'drain')
      } catch (error) {
        throw await stopped(error)
      }
    }
    try {
      await produce(write)
    } catch (error) {
      deflate.destroy(error as Error)
      throw await stopped(error)
    }
    deflate.end()
    await flowing
    if (failure) throw failure

    const descriptor = Buffer.alloc(16)
    descriptor.writeUInt32LE(0x08074b50, 0)
    descriptor.writeUInt32LE(entry.crc >>> 0, 4)
    descriptor.writeUInt32LE(entry.compressed, 8)
    descriptor.writeUInt32LE(entry.size, 12)
    await this.put(descriptor)
    this.entries.push(entry)
  }

  /** Moves zlib's output to ours, one chunk at a time, with backpressure. */
  private async pump(deflate: DeflateRaw, entry: Entry) {
    for await (const chunk of deflate as AsyncIterable<Buffer>) {
      entry.compressed += chunk.length
      await this.put(chunk)
    }
  }

  /** Writes the central directory and ends the output. */
  async finish() {
    const start = this.offset
    for (const entry of this.entries) {
      const header = Buffer.alloc(46)
      header.writeUInt32LE(0x02014b50, 0)
      header.writeUInt16LE(20, 4) // made by: 2.0, MS-DOS attributes
      header.writeUInt16LE(20, 6)
      header.writeUInt16LE(FLAGS, 8)
      header.writeUInt16LE(DEFLATE, 10)
      header.writeUInt16LE(entry.time, 12)
      header.writeUInt16LE(entry.date, 14)
      header.writeUInt32LE(entry.crc >>> 0, 16)
      header.writeUInt32LE(entry.compressed, 20)
      header.writeUInt32LE(entry.size, 24)
      header.writeUInt16LE(entry.name.length, 28)
      // Extra and comment lengths, disk, attributes: zero.
      header.writeUInt32LE(entry.offset, 42)
      await this.put(Buffer.concat([header, entry.name]))
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(this.entries.length, 8)
    end.writeUInt16LE(this.entries.length, 10)
    end.writeUInt32LE(this.offset - start, 12)
    end.writeUInt32LE(start, 16)
    await this.put(end)
    this.output.end()
  }
}

import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { MailboxTransport } from '#shared/mail/mailbox_transport'

export interface StoredMail {
  id: string
  to: string[]
  subject: string
  html: string
  text: string
  date: string
}

/** Reads the messages written by MailboxTransport, newest first. */
export async function readMailbox(): Promise<StoredMail[]> {
  const dir = MailboxTransport.directory()
  let files: string[] = []
  try {
    files = await readdir(dir)
  } catch {
    return []
  }
  const mails = await Promise.all(
    files
      .filter((f) => f.endsWith('.json'))
      .sort()
      .reverse()
      .map(async (file) => {
        const raw = JSON.parse(await readFile(join(dir, file), 'utf8'))
        return {
          id: file.replace(/\.json$/, ''),
          to: (raw.to ?? []).map((a: { address: string }) => a.address),
          subject: raw.subject ?? '',
          html: raw.html ?? '',
          text: raw.text ?? '',
          date: raw.date ?? '',
        }
      })
  )
  return mails
}

/** The newest message sent to an address, if any. */
export async function lastMailTo(address: string) {
  const mails = await readMailbox()
  return mails.find((m) => m.to.includes(address.toLowerCase()))
}

export async function clearMailbox() {
  await rm(MailboxTransport.directory(), { recursive: true, force: true })
}

import { lastMailTo } from '#shared/mail/mailbox'

/** The link of the last mail sent to an address (invitation, reset...). */
export async function linkInLastMailTo(address: string, path: string) {
  const mail = await lastMailTo(address)
  if (!mail) throw new Error(`No mail sent to ${address}`)
  const match = mail.text.match(new RegExp(`https?://[^\\s]+${path}/[A-Za-z0-9_-]+`))
  if (!match) throw new Error(`No ${path} link in the mail to ${address}`)
  return { mail, url: new URL(match[0]).pathname }
}

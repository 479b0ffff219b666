import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { checkUpload, storeUpload } from '#shared/uploads/uploads'
import MessageAttachment from '#messaging/models/message_attachment'

/** "Contacter le réseau": pdf or images, 10 MB each, three at most. */
export const ATTACHMENTS = {
  kinds: ['pdf', 'jpeg', 'png', 'webp'] as const,
  maxBytes: 10 * 1024 * 1024,
  maxFiles: 3,
}

export interface StoredAttachment {
  storageKey: string
  filename: string
  mime: string
  size: number
}

/**
 * Checks every file by content and size, then stores them; returns an error
 * code (and stores nothing) if any file is refused.
 */
export async function storeAttachments(
  files: MultipartFile[],
  centreId: number
): Promise<{ stored: StoredAttachment[] } | { error: string; filename?: string }> {
  const present = files.filter((file) => file.tmpPath || file.size > 0)
  if (present.length > ATTACHMENTS.maxFiles) return { error: 'too_many_files' }
  const checked = []
  for (const file of present) {
    const result = await checkUpload(file, {
      kinds: [...ATTACHMENTS.kinds],
      maxBytes: ATTACHMENTS.maxBytes,
    })
    if (!result.ok) return { error: `upload_${result.reason}`, filename: file.clientName }
    checked.push({ file, result })
  }
  const stored: StoredAttachment[] = []
  for (const { file, result } of checked) {
    stored.push({
      storageKey: await storeUpload(file, `messages/${centreId}`, result.kind),
      filename: file.clientName.slice(0, 255),
      mime: result.mime,
      size: file.size,
    })
  }
  return { stored }
}

export async function attach(
  messageId: number,
  stored: StoredAttachment[],
  client?: TransactionClientContract
) {
  if (stored.length === 0) return
  await MessageAttachment.createMany(
    stored.map((file) => ({ messageId, ...file })),
    { client }
  )
}

/**
 * The files of a conversation (every message), oldest first, with the link
 * that serves them under the conversation's own rights.
 */
export async function conversationAttachments(conversationId: number) {
  const files = await MessageAttachment.query()
    .whereIn('message_id', (q) =>
      q.from('messages').where('conversation_id', conversationId).select('id')
    )
    .orderBy('id')
  return files.map((file) => ({
    id: file.id,
    filename: file.filename,
    size: file.size,
    href: `/messages/${conversationId}/attachments/${file.id}`,
  }))
}

/** The files of a conversation with their Drive keys, oldest first (a GDPR export). */
export async function conversationFiles(conversationId: number) {
  const files = await MessageAttachment.query()
    .whereIn('message_id', (q) =>
      q.from('messages').where('conversation_id', conversationId).select('id')
    )
    .orderBy('id')
  return files.map((file) => ({ id: file.id, filename: file.filename, key: file.storageKey }))
}

import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * Settings of the network (one deployment serves one network), kept in the
 * database so that every app process reads the same value.
 */
export const NetworkSettings = {
  async get(key: string, client?: QueryClientContract): Promise<string | null> {
    const row = await (client ?? db).from('network_settings').where('key', key).first()
    return row ? String(row.value) : null
  },

  /** `client`: the transaction in progress (SQLite has one writer at a time). */
  async getNumber(key: string, fallback: number, client?: QueryClientContract): Promise<number> {
    const value = Number(await this.get(key, client))
    return Number.isFinite(value) && value > 0 ? value : fallback
  },

  async set(key: string, value: string | number) {
    const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
    await db
      .table('network_settings')
      .insert({ key, value: String(value), updated_at: now })
      .onConflict('key')
      .merge({ value: String(value), updated_at: now })
  },
}

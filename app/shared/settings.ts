import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'

/**
 * Settings of the network (one deployment serves one network), kept in the
 * database so that every app process reads the same value.
 */
export const NetworkSettings = {
  async get(key: string): Promise<string | null> {
    const row = await db.from('network_settings').where('key', key).first()
    return row ? String(row.value) : null
  },

  async getNumber(key: string, fallback: number): Promise<number> {
    const value = Number(await this.get(key))
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

import { configProvider } from '@adonisjs/core'
import { stores } from '@adonisjs/session'
import type {
  SessionData,
  SessionStoreFactory,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'
import { Settings } from 'luxon'

/**
 * AdonisJS's database store pushes a session's expiry back on every request
 * that changes nothing in it: one UPDATE, and one commit waiting for the
 * disk, per page view. Pushed back at most once a minute per process is the
 * same idle timeout to within that minute, without the write on the other
 * requests. A write (new data, login) counts as a push.
 *
 * Each process remembers the sessions it pushed recently (the oldest are
 * forgotten past `remembered`); another process pushes on its own first
 * request, so several processes stay correct.
 */
export function databaseStoreTouchedEvery(
  seconds: number,
  options: { tableName: string; remembered?: number }
) {
  const inner = stores.database({ tableName: options.tableName })
  return configProvider.create(async (app) => {
    const factory = await configProvider.resolve<SessionStoreFactory>(app, inner)
    if (!factory) throw new Error('the database session store could not be resolved')
    const recent = new RecentTouches(seconds * 1000, options.remembered ?? 50_000)
    const throttled: SessionStoreFactory = (ctx, config) =>
      new ThrottledTouchStore(factory(ctx, config) as SessionStoreWithTaggingContract, recent)
    return throttled
  })
}

/** When each session was last pushed back by this process, oldest first. */
class RecentTouches {
  private touched = new Map<string, number>()

  constructor(
    private interval: number,
    private remembered: number
  ) {}

  isFresh(sessionId: string) {
    const at = this.touched.get(sessionId)
    return at !== undefined && Settings.now() - at < this.interval
  }

  mark(sessionId: string) {
    this.touched.delete(sessionId)
    this.touched.set(sessionId, Settings.now())
    if (this.touched.size > this.remembered) this.touched.delete(this.touched.keys().next().value!)
  }

  forget(sessionId: string) {
    this.touched.delete(sessionId)
  }
}

class ThrottledTouchStore implements SessionStoreWithTaggingContract {
  constructor(
    private inner: SessionStoreWithTaggingContract,
    private recent: RecentTouches
  ) {}

  read(sessionId: string) {
    return this.inner.read(sessionId)
  }

  async write(sessionId: string, data: SessionData) {
    await this.inner.write(sessionId, data)
    this.recent.mark(sessionId)
  }

  async destroy(sessionId: string) {
    this.recent.forget(sessionId)
    await this.inner.destroy(sessionId)
  }

  async touch(sessionId: string) {
    if (this.recent.isFresh(sessionId)) return
    await this.inner.touch(sessionId)
    this.recent.mark(sessionId)
  }

  tag(sessionId: string, userId: string | number) {
    return this.inner.tag(sessionId, userId)
  }

  untag(sessionId: string, userId: string | number) {
    return this.inner.untag(sessionId, userId)
  }

  tagged(userId: string | number) {
    return this.inner.tagged(userId)
  }
}

/** The part of unzipper's API we use (it ships no types). */
declare module 'unzipper' {
  import type { Duplex } from 'node:stream'
  const unzipper: { Parse(options?: { forceStream?: boolean }): Duplex }
  export default unzipper
}

import { test } from '@japa/runner'
import { Readable } from 'node:stream'
import { byteSlice, parseRange } from '#shared/uploads/uploads'

test.group('Uploads · byte ranges for media players', () => {
  test('a Range header gives the bytes to send, or the whole file, or unsatisfiable', ({
    assert,
  }) => {
    assert.deepEqual(parseRange('bytes=0-99', 1000), { start: 0, end: 99 })
    assert.deepEqual(parseRange('bytes=0-1', 1000), { start: 0, end: 1 })
    assert.deepEqual(parseRange('bytes=500-', 1000), { start: 500, end: 999 })
    assert.deepEqual(parseRange('bytes=900-5000', 1000), { start: 900, end: 999 })
    assert.deepEqual(parseRange('bytes=-100', 1000), { start: 900, end: 999 })
    assert.deepEqual(parseRange('bytes=-5000', 1000), { start: 0, end: 999 })
    assert.equal(parseRange('bytes=1000-', 1000), 'unsatisfiable')
    assert.equal(parseRange('bytes=-0', 1000), 'unsatisfiable')
    assert.equal(parseRange('bytes=0-', 0), 'unsatisfiable')
    for (const whole of [
      undefined,
      '',
      'bytes=',
      'bytes=-',
      'items=0-1',
      'bytes=0-1,5-9',
      'bytes=9-3',
      'bytes=a-b',
    ])
      assert.isNull(parseRange(whole, 1000), String(whole))
  })

  test('a stream is cut to the range across chunk boundaries', async ({ assert }) => {
    const bytes = Buffer.from('0123456789abcdefghij')
    const chunks = [bytes.subarray(0, 3), bytes.subarray(3, 11), bytes.subarray(11)]
    const read = async (start: number, end: number) => {
      const out: Buffer[] = []
      for await (const chunk of byteSlice(Readable.from(chunks), start, end)) out.push(chunk)
      return Buffer.concat(out).toString()
    }
    assert.equal(await read(0, 19), '0123456789abcdefghij')
    assert.equal(await read(2, 4), '234')
    assert.equal(await read(3, 10), '3456789a')
    assert.equal(await read(15, 19), 'fghij')
    assert.equal(await read(19, 19), 'j')
  })

  test('a slice stops reading its source past the end', async ({ assert }) => {
    let pulled = 0
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 200; i++) {
          pulled++
          yield Buffer.alloc(100, i)
        }
      })()
    )
    const out: Buffer[] = []
    for await (const chunk of byteSlice(source, 0, 1)) out.push(chunk)
    assert.equal(Buffer.concat(out).length, 2)
    assert.isBelow(pulled, 5)
    assert.isTrue(source.destroyed)
  })
})

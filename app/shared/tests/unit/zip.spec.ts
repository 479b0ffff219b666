import { test } from '@japa/runner'
import { inspectZip, unsafeEntryName } from '#shared/uploads/zip'
import { deflatedZip, fixture, rawZip } from '#tests/helpers/files'

const LIMITS = { maxEntries: 50, maxInflatedBytes: 5 * 1024 * 1024 }

test.group('Zip inspection', () => {
  test('an ordinary zip passes, with its entry count and inflated size', async ({ assert }) => {
    const path = await fixture(
      'ok.zip',
      await deflatedZip([
        { name: 'notes/compte-rendu.txt', content: Buffer.from('Bonjour') },
        { name: 'annexe.pdf', content: Buffer.alloc(2000, 1) },
      ])
    )
    assert.deepEqual(await inspectZip(path, LIMITS), { ok: true, entries: 2, inflatedBytes: 2007 })
  })

  test('a zip bomb stops being read at the limit', async ({ assert }) => {
    // 64 MB of zeros: about 64 KB once compressed, 12 times the limit once inflated.
    const bomb = await deflatedZip([{ name: 'zeros.bin', content: 64 * 1024 * 1024 }])
    assert.isBelow(bomb.length, 200 * 1024)
    const path = await fixture('bomb.zip', bomb)
    assert.deepEqual(await inspectZip(path, LIMITS), { ok: false, reason: 'too_large_inflated' })
  })

  test('too many entries are refused', async ({ assert }) => {
    const entries = Array.from({ length: 51 }, (_, i) => ({
      name: `f${i}.txt`,
      content: Buffer.from('x'),
    }))
    const path = await fixture('many.zip', await deflatedZip(entries))
    assert.deepEqual(await inspectZip(path, LIMITS), { ok: false, reason: 'too_many_entries' })
  })

  test('entry names escaping their folder are refused', async ({ assert }) => {
    for (const name of ['../evil.sh', 'a/../../etc/passwd', '/etc/cron.d/x', 'C:/Windows/x.dll']) {
      assert.isTrue(unsafeEntryName(name), name)
    }
    for (const name of ['a/b.txt', 'rapport..final.pdf', 'dossier/..hidden']) {
      assert.isFalse(unsafeEntryName(name), name)
    }
    const fine = await fixture('fine.zip', rawZip([{ name: 'ok.txt', content: Buffer.from('x') }]))
    assert.deepEqual(await inspectZip(fine, LIMITS), { ok: true, entries: 1, inflatedBytes: 1 })
    for (const evil of ['../../evil.sh', '/etc/cron.d/evil', 'docs\\..\\..\\evil.bat']) {
      const zip = rawZip([
        { name: 'ok.txt', content: Buffer.from('x') },
        { name: evil, content: Buffer.from('rm -rf /') },
      ])
      const path = await fixture('traversal.zip', zip)
      assert.deepEqual(await inspectZip(path, LIMITS), { ok: false, reason: 'unsafe_name' }, evil)
    }
  })

  test('a truncated zip is corrupt, not a crash or a hang', async ({ assert }) => {
    const whole = await deflatedZip([{ name: 'a.txt', content: Buffer.alloc(5000, 65) }])
    const path = await fixture('truncated.zip', whole.subarray(0, 60))
    assert.deepEqual(await inspectZip(path, LIMITS), { ok: false, reason: 'corrupt' })
  })
})

import { test } from '@japa/runner'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Edge } from 'edge.js'
import { closeEdgeCacheGaps } from '#shared/ui/edge_cache'

/** An Edge instance on a temporary views folder, counting the files it reads. */
async function views(cache: boolean) {
  const root = await mkdtemp(join(tmpdir(), 'edge-cache-'))
  await mkdir(join(root, 'components'))
  await writeFile(join(root, 'row.edge'), '<li>{{ prefix }}{{ item }}</li>')
  await writeFile(join(root, 'components', 'box.edge'), '<div>{{{ await $slots.main() }}}</div>')
  await writeFile(
    join(root, 'page.edge'),
    "@let(prefix = '#')\n@box()\n@each(item in items)\n@include('row')\n@end\n@end"
  )
  const edge = new Edge({ cache })
  edge.mount(root)
  let listings = 0
  const list = edge.loader.listComponents.bind(edge.loader)
  edge.loader.listComponents = () => {
    listings++
    return list()
  }
  closeEdgeCacheGaps(edge)
  const reads: string[] = []
  const resolve = edge.loader.resolve.bind(edge.loader)
  edge.loader.resolve = (path: string) => {
    reads.push(path)
    return resolve(path)
  }
  return { edge, root, reads, listings: () => listings }
}

const clean = (html: string) => html.replace(/\s+/g, '')

test.group('Edge cache gaps', () => {
  test('with the cache on, an included partial is compiled once for every render', async ({
    assert,
  }) => {
    const { edge, root, reads, listings } = await views(true)
    try {
      for (const items of [['a', 'b'], ['c']]) {
        const html = await edge.render('page', { items })
        assert.equal(clean(html), `<div>${items.map((i) => `<li>#${i}</li>`).join('')}</div>`)
      }
      // page, box and row once each: three renders of row, two of the page.
      assert.deepEqual(reads.filter((path) => path.endsWith('row.edge')).length, 1)
      assert.deepEqual(reads.filter((path) => path.endsWith('page.edge')).length, 1)
      // The components are listed from the disks once, not before every render.
      await edge.render('page', { items: ['d'] })
      assert.equal(listings(), 1)
      assert.deepEqual(reads.filter((path) => path.endsWith('row.edge')).length, 1)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  test('with the cache off, an edited partial shows at the next render', async ({ assert }) => {
    const { edge, root, listings } = await views(false)
    try {
      assert.equal(clean(await edge.render('page', { items: ['a'] })), '<div><li>#a</li></div>')
      await writeFile(join(root, 'row.edge'), '<p>{{ item }}</p>')
      assert.equal(clean(await edge.render('page', { items: ['a'] })), '<div><p>a</p></div>')
      // A new component is found at the next render.
      assert.equal(listings(), 2)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})

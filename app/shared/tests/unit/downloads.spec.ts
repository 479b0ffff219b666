import { test } from '@japa/runner'
import { readFile, readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import app from '@adonisjs/core/services/app'
import { downloadHeaders, safeFilename } from '#shared/http/downloads'

/** Collects the headers a response would send. */
function headersOf(options: Parameters<typeof downloadHeaders>[1]) {
  const headers: Record<string, string> = {}
  downloadHeaders({ header: (name: string, value: any) => (headers[name] = value) } as any, options)
  return headers
}

test.group('Downloads · headers and file names', () => {
  test('hostile names become safe plain names', ({ assert }) => {
    assert.equal(safeFilename('../../etc/passwd'), 'etc_passwd')
    assert.equal(safeFilename('..\\..\\windows\\win.ini'), 'windows_win.ini')
    assert.equal(
      safeFilename('a"b\r\nContent-Type: text/html.pdf'),
      'a_b_Content-Type_text_html.pdf'
    )
    assert.equal(safeFilename('Élodie Müller – passeport.pdf'), 'Elodie_Muller_passeport.pdf')
    assert.equal(safeFilename('<script>alert(1)</script>.csv'), 'script_alert_1_script_.csv')
    assert.equal(safeFilename('.htaccess'), 'htaccess')
    assert.equal(safeFilename('"";'), 'download')
    assert.lengthOf(safeFilename('x'.repeat(500) + '.pdf'), 120)
  })

  test('a download is an attachment, never sniffed, its exact name encoded apart', ({ assert }) => {
    const headers = headersOf({ filename: "Résultats d'O'Brien (1).xlsx", mime: 'text/csv' })
    assert.equal(headers['Content-Type'], 'text/csv')
    assert.equal(headers['X-Content-Type-Options'], 'nosniff')
    assert.equal(
      headers['Content-Disposition'],
      `attachment; filename="Resultats_d_O_Brien_1_.xlsx"; filename*=UTF-8''R%C3%A9sultats%20d%27O%27Brien%20%281%29.xlsx`
    )
    const inline = headersOf({ filename: 'photo.jpg', mime: 'image/jpeg', inline: true })
    assert.match(inline['Content-Disposition'], /^inline; filename="photo\.jpg"/)
  })

  test('a header cannot be split by a name holding CR or LF', ({ assert }) => {
    const headers = headersOf({ filename: 'a\r\nSet-Cookie: x=1.pdf', mime: 'application/pdf' })
    assert.notMatch(headers['Content-Disposition'], /[\r\n]/)
  })

  test('every file the app sends goes through downloadHeaders', async ({ assert }) => {
    const offenders: string[] = []
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) {
          if (entry.name !== 'tests') await walk(path)
        } else if (entry.name.endsWith('.ts') && !path.endsWith(join('http', 'downloads.ts'))) {
          const source = await readFile(path, 'utf8')
          if (/Content-Disposition|response\.(download|attachment)\(/i.test(source))
            offenders.push(relative(app.appRoot.pathname, path))
        }
      }
    }
    await walk(app.makePath('app'))
    assert.deepEqual(offenders, [])
  })
})

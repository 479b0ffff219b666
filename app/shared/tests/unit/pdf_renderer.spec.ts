import { test } from '@japa/runner'
import edge from 'edge.js'
import { pagesText } from '#tests/helpers/pdf'
import { PdfRenderer } from '#shared/pdf/pdf_renderer'
import { renderPdf, renderPdfBatch } from '#shared/pdf/pdf'
import { qrSvg } from '#shared/qr'

test.group('PDF renderer', (group) => {
  group.each.timeout(60000)
  group.setup(() => {
    edge.registerTemplate('test_pdf/attestation', {
      template: `@component('components/pdf_layout', { title: 'Attestation', centreName, verificationCode: code })
  <h1>Attestation de passage</h1>
  <p>Candidat : {{ name }}</p>
@end`,
    })
  })

  test('prints an Edge view with accented and non-Latin names that read back exactly', async ({
    assert,
  }) => {
    const pdf = await renderPdf('test_pdf/attestation', {
      name: "Éloïse N'Diaye-Larochefoucauld, Zoë Ğür, Łukasz Żółć",
      centreName: 'CCI Paris Île-de-France Éducation',
      code: 'P-7K4M9QXR',
    })
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    const [text] = await pagesText(pdf)
    assert.include(text, "Éloïse N'Diaye-Larochefoucauld, Zoë Ğür, Łukasz Żółć")
    assert.include(text, 'CCI Paris Île-de-France Éducation')
    assert.include(text, 'P-7K4M9QXR')
  })

  test('prints many documents as one PDF, one page each, in order', async ({ assert }) => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      name: `Candidat n°${i + 1} Šárka`,
      centreName: 'Centre',
      code: `C-${i + 1}`,
    }))
    const pdf = await renderPdfBatch('test_pdf/attestation', items)
    const pages = await pagesText(pdf)
    assert.lengthOf(pages, 30)
    pages.forEach((text, i) => {
      assert.include(text, `Candidat n°${i + 1} Šárka`)
      assert.include(text, `C-${i + 1}`)
    })
  })

  test('concurrent jobs share the pool and all complete', async ({ assert }) => {
    const renderer = new PdfRenderer({ poolSize: 2 })
    try {
      const pdfs = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          renderer.renderHtml(`<html><body><p>Document ${i}</p></body></html>`)
        )
      )
      const texts = await Promise.all(pdfs.map(async (pdf) => (await pagesText(pdf))[0]))
      texts.forEach((text, i) => assert.include(text, `Document ${i}`))
    } finally {
      await renderer.close()
    }
  })

  test('documents cannot fetch anything from the network', async ({ assert }) => {
    const renderer = new PdfRenderer({ poolSize: 1 })
    try {
      const pdf = await renderer.renderHtml(
        '<html><body><img src="http://127.0.0.1:9/x.png"><p>Hors ligne</p></body></html>'
      )
      assert.include((await pagesText(pdf))[0], 'Hors ligne')
    } finally {
      await renderer.close()
    }
  })

  test('documents run no script: a name that slipped through unescaped stays inert', async ({
    assert,
  }) => {
    const renderer = new PdfRenderer({ poolSize: 1 })
    try {
      const pdf = await renderer.renderHtml(
        `<html><body><p id="name">Lina</p><img src="data:," onerror="document.getElementById('name').textContent = 'onerror'">` +
          `<script>document.getElementById('name').textContent += ' script'</script></body></html>`
      )
      assert.equal((await pagesText(pdf))[0].trim(), 'Lina')
    } finally {
      await renderer.close()
    }
  })

  test('a missing Chromium gives a clear error', async ({ assert }) => {
    const renderer = new PdfRenderer({ executablePath: '/nowhere/chromium' })
    await assert.rejects(
      () => renderer.renderHtml('<p>x</p>'),
      /Chromium not found at \/nowhere\/chromium: install it/
    )
    await renderer.close()
  })

  test('QR codes are inline SVG', async ({ assert }) => {
    const svg = await qrSvg('https://passerelle.test/verify/P-7K4M9QXR')
    assert.match(svg, /^<svg[^>]*viewBox/)
  })
})

import { test } from '@japa/runner'
import edge from 'edge.js'

/** Design-system components rendered on their own, as later modules will use them. */
const t = (key: string, params?: Record<string, unknown>) =>
  params ? `${key} ${JSON.stringify(params)}` : key

test.group('UI components', () => {
  test('wizard steps mark done, current and coming steps', async ({ assert }) => {
    const html = await edge.render('components/wizard_steps', {
      t,
      steps: [
        { key: 'identity', label: 'Identité' },
        { key: 'account', label: 'Compte' },
        { key: 'info', label: 'Informations' },
      ],
      current: 'account',
    })
    assert.match(html, /<li class="done">Identité<\/li>/)
    assert.match(html, /<li aria-current="step">Compte<\/li>/)
    assert.match(html, /<li\s*>Informations<\/li>/)
  })

  test('the progress bar exposes its value to assistive technology', async ({ assert }) => {
    const html = await edge.render('components/progress', {
      label: 'Génération des PDF',
      value: 42,
    })
    assert.include(html, 'role="progressbar"')
    assert.include(html, 'aria-valuenow="42"')
    assert.include(html, 'width: 42%')
  })

  test('badges always carry their text, and escape it', async ({ assert }) => {
    const html = await edge.render('components/badge', {
      status: 'refused',
      tone: 'danger',
      label: '<b>Refusé</b>',
    })
    assert.include(html, 'badge-danger')
    assert.include(html, '&lt;b&gt;Refusé&lt;/b&gt;')
  })

  test('a form field writes a value with quotes and tags back as text, never as attributes', async ({
    assert,
  }) => {
    const value = `" x-init="alert(5)" @click="alert(6)" x="'><img src=x onerror=alert(2)>`
    const html = await edge.render('components/field/input', {
      name: 'from',
      label: 'Du',
      value,
      old: (_name: string, fallback: unknown) => fallback,
      flashMessages: { get: () => undefined },
    })
    const input = /<input [^>]*>/.exec(html)![0]
    assert.notInclude(input, 'x-init="')
    assert.notInclude(input, '<img')
    assert.include(
      input,
      'value="&quot; x-init=&quot;alert(5)&quot; @click=&quot;alert(6)&quot; x=&quot;&#x27;&gt;&lt;img src=x onerror=alert(2)&gt;"'
    )
    // Values that need no escaping are written as they were.
    const plain = await edge.render('components/field/input', {
      name: 'city',
      label: 'Ville',
      value: 'Saint-Étienne',
      required: true,
      old: (_name: string, fallback: unknown) => fallback,
      flashMessages: { get: () => undefined },
    })
    assert.include(plain, 'value="Saint-Étienne"')
    assert.include(plain, 'aria-required="true"')
  })
})

import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Product } from '#sessions'
import GridCriterion from '#sessions/models/grid_criterion'
import ExamSubject from '#sessions/models/exam_subject'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeUser } from '#database/factories/index'
import { expectStatus } from '#tests/helpers/http'

test.group('Products · oral grids and subject banks', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the TEF has a grid and a bank per EO section, the DFP one for its IO activity', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const tef = await Product.findByOrFail('code', 'TEFCAN')
    const page = await client.get(`/products/${tef.id}/oral`).loginAs(admin)
    page.assertTextIncludes('EO — section A')
    page.assertTextIncludes('EO — section B')
    const dfp = await Product.findByOrFail('code', 'DFPB1')
    const dfpPage = await client.get(`/products/${dfp.id}/oral`).loginAs(admin)
    dfpPage.assertTextIncludes('IO — activité')

    await client
      .post(`/products/${tef.id}/oral/criteria`)
      .loginAs(admin)
      .form({ part: 'EO-A', label: 'Lexique', levels: 'A1; A2; B1;B2 ; C1; C2; A1' })
      .withCsrfToken()
    const criterion = await GridCriterion.findByOrFail('product_id', tef.id)
    assert.deepEqual(criterion.levels, ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'])
    assert.equal(criterion.part, 'EO-A')
    const oneLevel = await client
      .post(`/products/${tef.id}/oral/criteria`)
      .loginAs(admin)
      .form({ part: 'EO-A', label: 'Phonologie', levels: 'Bien' })
      .withCsrfToken()
      .redirects(0)
    oneLevel.assertFlashMessage(
      'error',
      'Indiquez de 2 à 12 niveaux de 40 caractères au plus, séparés par des points-virgules.'
    )
    const wrongPart = await client
      .post(`/products/${tef.id}/oral/criteria`)
      .loginAs(admin)
      .form({ part: 'IO', label: 'Phonologie', levels: 'A; B' })
      .withCsrfToken()
      .redirects(0)
    wrongPart.assertFlashMessage('error', "Cette partie orale n'existe pas pour ce produit.")

    await client
      .post(`/products/${tef.id}/oral/subjects`)
      .loginAs(admin)
      .form({ part: 'EO-B', code: 'b01', title: 'Faut-il interdire la voiture en ville ?' })
      .withCsrfToken()
    const subject = await ExamSubject.findByOrFail('code', 'B01')
    const twice = await client
      .post(`/products/${tef.id}/oral/subjects`)
      .loginAs(admin)
      .form({ part: 'EO-A', code: 'B01', title: 'Un autre sujet au même code' })
      .withCsrfToken()
      .redirects(0)
    twice.assertFlashMessage('error', 'Le code B01 est déjà utilisé par un sujet de ce produit.')

    // Retired, not deleted: what was graded keeps its meaning.
    await client
      .post(`/products/${tef.id}/oral/subjects/${subject.id}/toggle`)
      .loginAs(admin)
      .withCsrfToken()
    await subject.refresh()
    assert.isFalse(subject.active)
    const after = await client.get(`/products/${tef.id}/oral`).loginAs(admin)
    after.assertTextIncludes('Faut-il interdire la voiture en ville ? (retiré)')
    const audit = await AuditLog.query().whereLike('action', 'exam_subject.%').orderBy('id')
    assert.deepEqual(
      audit.map((a) => a.action),
      ['exam_subject.created', 'exam_subject.retired']
    )
  })

  test('a refused criterion shows its error and entries in its own part only', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('network_admin')
    const tef = await Product.findByOrFail('code', 'TEFCAN')
    const page = await client
      .get(`/products/${tef.id}/oral`)
      .loginAs(admin)
      .withFlashMessages({
        form: 'criterion-EO-B',
        part: 'EO-B',
        label: 'Phonologie',
        levels: 'Bien',
        inputErrorsBag: { levels: ['Indiquez de 2 à 12 niveaux'] },
      })
    const html = page.text()
    const partOf = (part: string) => html.slice(html.indexOf(`id="${part}"`))
    const eoA = partOf('EO-A').slice(0, partOf('EO-A').indexOf('id="EO-B"'))
    assert.include(partOf('EO-B'), 'Indiquez de 2 à 12 niveaux')
    assert.match(
      partOf('EO-B'),
      /id="label-EO-B"[^>]*value="Phonologie"|value="Phonologie"[^>]*id="label-EO-B"/
    )
    assert.notInclude(eoA, 'Indiquez de 2 à 12 niveaux')
    assert.notInclude(eoA, 'Phonologie')
  })

  test('only the network admin edits grids and subjects', async ({ client }) => {
    const centre = await CentreFactory.create()
    const tef = await Product.findByOrFail('code', 'TEFCAN')
    const criterion = await GridCriterion.create({
      productId: tef.id,
      part: 'EO-A',
      label: 'Lexique',
      levels: ['A1', 'A2'],
      position: 1,
      active: true,
    })
    for (const role of [
      'account_manager',
      'centre_manager',
      'evaluator',
      'teacher',
      'learner',
    ] as const) {
      const user = await makeUser(role, [centre])
      await expectStatus(client.get(`/products/${tef.id}/oral`).loginAs(user), 403)
      await expectStatus(
        client
          .post(`/products/${tef.id}/oral/criteria`)
          .loginAs(user)
          .form({ part: 'EO-A', label: 'X', levels: 'A;B' })
          .withCsrfToken(),
        403
      )
      await expectStatus(
        client
          .post(`/products/${tef.id}/oral/criteria/${criterion.id}/toggle`)
          .loginAs(user)
          .withCsrfToken(),
        403
      )
      await expectStatus(
        client
          .post(`/products/${tef.id}/oral/subjects`)
          .loginAs(user)
          .form({ part: 'EO-A', code: 'Z1', title: 'Sujet' })
          .withCsrfToken(),
        403
      )
    }
    const admin = await makeUser('network_admin')
    await expectStatus(client.get('/products/99999999999/oral').loginAs(admin), 404)
  })
})

import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Group } from '#centres'
import { assignCredit, markOrderPaid, placeOrder } from '#orders'
import {
  CentreFactory,
  makeCandidate,
  makeCreditProduct,
  makeCreditStock,
  makeUser,
} from '#database/factories/index'

/** The text of one home box, tags removed and spaces squeezed. */
function box(html: string, name: string) {
  const part = html.split(`data-testid="box-${name}">`)[1]?.split('</section>')[0] ?? ''
  return part
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

test.group('Orders · home boxes (seed 004 §3)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a centre sees its credits per type, its candidates and its groups', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    await makeCreditStock(centre, 10)
    await makeCreditStock(centre, 4, await makeCreditProduct({ type: 'demo' }))
    await makeCreditStock(other, 50)
    const a = await makeCandidate(centre)
    await makeCandidate(centre)
    await makeCandidate(other)
    await assignCredit(manager, a.id, { type: 'mock_remote' })
    await Group.create({ centreId: centre.id, name: 'Classe A', category: 'class' })
    await Group.create({ centreId: centre.id, name: 'Client B', category: 'client' })

    const home = await client.get('/').loginAs(manager)
    const text = home.text()
    assert.equal(
      box(text, 'credits'),
      'Certifications restantes 13 Examen blanc - à distance 9 Examen démo 4 Commander'
    )
    assert.include(box(text, 'candidates'), 'Candidats 2')
    assert.include(box(text, 'candidates'), 'Certification(s) à attribuer 1')
    assert.include(box(text, 'candidates'), 'Certification(s) en attente 1')
    assert.include(box(text, 'groups'), 'Groupes 2')
    assert.include(box(text, 'groups'), 'Client 1')
    assert.include(box(text, 'groups'), 'Classe 1')
  })

  test('the account manager is told how many orders of its portfolio wait', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const elsewhere = await CentreFactory.create()
    const accountManager = await makeUser('account_manager', [centre])
    const product = await makeCreditProduct()
    const admin = await makeUser('network_admin')
    await placeOrder(admin, centre.id, new Map([[product.id, 2]]))
    await placeOrder(admin, elsewhere.id, new Map([[product.id, 2]]))
    for (const quantity of [1, 3]) {
      const paid = await placeOrder(admin, centre.id, new Map([[product.id, quantity]]))
      await markOrderPaid(admin, paid.id)
    }
    const home = await client.get('/').loginAs(accountManager)
    assert.include(home.text(), '1 commande à valider')
    assert.include(home.text(), '2 commandes réglées à livrer')
    assert.notInclude(home.text(), 'box-credits')
  })
})

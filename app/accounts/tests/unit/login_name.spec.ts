import { test } from '@japa/runner'
import { suggestLogin, uniqueLogin } from '#accounts/services/login_name'

test.group('Login suggestions (seed 002 §3.1)', () => {
  test('prenom.nom without accents when it fits in 20 characters', ({ assert }) => {
    assert.equal(suggestLogin('Zoé', 'Lefèvre'), 'zoe.lefevre')
    assert.equal(suggestLogin('Jean-Marc', 'Roy'), 'jean-marc.roy')
    assert.equal(suggestLogin('Youssef', 'El Amrani'), 'youssef.elamrani')
  })

  test('a compound first name becomes initials when the login is too long', ({ assert }) => {
    assert.equal(suggestLogin('Jean-François', 'BERNARD'), 'jf.bernard')
    assert.equal(suggestLogin('Marie Claire', 'Dupont-Moretti'), 'mc.dupont-moretti')
  })

  test('still too long, it is cut at the 20th character', ({ assert }) => {
    assert.equal(suggestLogin('Éloïse', "N'Diaye-Larochefoucauld"), 'eloise.ndiaye-laroch')
    assert.equal(suggestLogin('Anne-Sophie', 'Saint-Exupéry-Montmorency'), 'as.saint-exupery-mon')
    assert.isAtMost(suggestLogin('Maximilien', 'Robespierre-de-la-Tour').length, 20)
  })

  test('taken logins get a number, without passing 20 characters', ({ assert }) => {
    const taken = new Set(['jf.bernard', 'jf.bernard2', 'eloise.ndiaye-laroch'])
    assert.equal(
      uniqueLogin('jf.bernard', (l) => taken.has(l)),
      'jf.bernard3'
    )
    assert.equal(
      uniqueLogin('eloise.ndiaye-laroch', (l) => taken.has(l)),
      'eloise.ndiaye-laroc2'
    )
    assert.equal(
      uniqueLogin('zoe.lefevre', (l) => taken.has(l)),
      'zoe.lefevre'
    )
  })
})

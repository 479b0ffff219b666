import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { Candidate } from '#candidates'
import AuditLog from '#shared/audit/audit_log'
import { CentreFactory, makeHeldRegistration, makeUser } from '#database/factories/index'
import { assertFieldError, assertRedirect, expectStatus } from '#tests/helpers/http'

async function setup() {
  const centre = await CentreFactory.create()
  const registration = await makeHeldRegistration(centre)
  await registration.load('candidate')
  const candidate = registration.candidate
  await candidate
    .merge({ lastName: 'Duponte', firstName: 'Marie', birthDate: DateTime.utc(1990, 4, 12) })
    .save()
  return {
    centre,
    registration,
    candidate,
    evaluator: await makeUser('evaluator', [centre]),
    path: `/passport/registrations/${registration.id}/candidate`,
  }
}

const corrected = {
  civility: 'mme',
  last_name: 'Dupont',
  birth_name: 'Martin',
  first_name: 'Marie-Claire',
  birth_date: '1990-04-21',
  birth_town: 'Nantes',
  birth_country: 'FR',
  nationality: 'FR',
  id_number: '18AB12345',
}

test.group('Passports · candidate information on exam day', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the examiner checks the identity against the ID and corrects it: "Valider" saves, audited, the email stays', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    const email = s.candidate.email
    const capture = await client
      .get(`/passport/registrations/${s.registration.id}/capture`)
      .loginAs(s.evaluator)
    capture.assertTextIncludes('DUPONTE Marie')
    capture.assertTextIncludes(`href="${s.path}"`)

    const form = await client.get(s.path).loginAs(s.evaluator)
    form.assertStatus(200)
    form.assertTextIncludes('value="Duponte"')
    form.assertTextIncludes('value="1990-04-12"')
    form.assertTextIncludes(
      `href="/passport/registrations/${s.registration.id}/capture">Annuler</a>`
    )

    const saved = await client
      .put(s.path)
      .loginAs(s.evaluator)
      .form(corrected)
      .withCsrfToken()
      .redirects(0)
    assertRedirect(saved, `/passport/registrations/${s.registration.id}/capture`)
    saved.assertFlashMessage('success', 'Informations du candidat enregistrées.')
    const candidate = await Candidate.findOrFail(s.candidate.id)
    assert.equal(candidate.lastName, 'Dupont')
    assert.equal(candidate.firstName, 'Marie-Claire')
    assert.equal(candidate.birthName, 'Martin')
    assert.equal(candidate.birthDate!.toISODate(), '1990-04-21')
    assert.equal(candidate.idNumber, '18AB12345')
    assert.equal(candidate.email, email)
    const audit = await AuditLog.query()
      .where('action', 'candidate.updated')
      .where('entity_id', String(candidate.id))
      .firstOrFail()
    assert.equal(audit.actorId, s.evaluator.id)
    assert.deepInclude(audit.before as object, { last_name: 'Duponte', birth_date: '1990-04-12' })
    assert.deepInclude(audit.after as object, { last_name: 'Dupont', birth_date: '1990-04-21' })
    assert.notProperty(audit.after as object, 'email')

    const after = await client
      .get(`/passport/registrations/${s.registration.id}/capture`)
      .loginAs(s.evaluator)
    after.assertTextIncludes('DUPONT Marie-Claire')
    after.assertTextIncludes('18AB12345')
  })

  test('a bad value is refused with its message and nothing is written', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    const refused = await client
      .put(s.path)
      .loginAs(s.evaluator)
      .header('Referer', s.path)
      .form({ ...corrected, last_name: '  ', birth_date: '2999-01-01' })
      .withCsrfToken()
      .redirects(0)
    assertRedirect(refused, s.path)
    assertFieldError(refused, 'last_name', 'Ce champ est obligatoire.')
    assertFieldError(refused, 'birth_date', 'La date doit être dans le passé.')
    const candidate = await Candidate.findOrFail(s.candidate.id)
    assert.equal(candidate.lastName, 'Duponte')
    assert.equal(candidate.birthDate!.toISODate(), '1990-04-12')
  })

  test('only those who capture in the centre, while the passport is open; a locked file is not changed', async ({
    client,
    assert,
  }) => {
    const s = await setup()
    const manager = await makeUser('centre_manager', [s.centre])
    await expectStatus(client.get(s.path).loginAs(manager), 200)
    await expectStatus(client.get(s.path).loginAs(await makeUser('centre_staff', [s.centre])), 200)
    for (const role of ['teacher', 'learner'] as const)
      await expectStatus(client.get(s.path).loginAs(await makeUser(role, [s.centre])), 403)
    const other = await makeUser('evaluator', [await CentreFactory.create()])
    await expectStatus(client.get(s.path).loginAs(other), 404)
    await expectStatus(
      client.put(s.path).loginAs(other).form(corrected).withCsrfToken().redirects(0),
      404
    )
    await expectStatus(client.get(s.path).redirects(0), 302)

    await s.candidate.merge({ lockedAt: DateTime.utc() }).save()
    const lockedForm = await client.get(s.path).loginAs(s.evaluator)
    lockedForm.assertTextIncludes('data-testid="candidate-locked"')
    assert.notInclude(lockedForm.text(), 'id="candidate-form"')
    const locked = await client
      .put(s.path)
      .loginAs(s.evaluator)
      .header('Referer', s.path)
      .form(corrected)
      .withCsrfToken()
      .redirects(0)
    locked.assertFlashMessage(
      'error',
      'Ce candidat a passé un examen : son dossier ne peut plus être modifié. Seul un administrateur du réseau peut le corriger.'
    )
    assert.equal((await Candidate.findOrFail(s.candidate.id)).lastName, 'Duponte')

    await s.candidate.merge({ lockedAt: null }).save()
    // A file of another centre (inconsistent data) is never reached through this registration.
    const home = s.candidate.centreId
    await s.candidate.merge({ centreId: (await CentreFactory.create()).id }).save()
    await expectStatus(client.get(s.path).loginAs(s.evaluator), 404)
    await s.candidate.merge({ centreId: home }).save()
    await s.registration.load('session')
    await s.registration.session
      .merge({ status: 'results_published', resultsPublishedAt: DateTime.utc() })
      .save()
    const closed = await client
      .put(s.path)
      .loginAs(s.evaluator)
      .header('Referer', s.path)
      .form(corrected)
      .withCsrfToken()
      .redirects(0)
    closed.assertFlashMessage(
      'error',
      "Ce passeport n'est plus modifiable (inscription annulée ou reportée, session annulée ou résultats publiés, ou données anonymisées)."
    )
    assert.equal((await Candidate.findOrFail(s.candidate.id)).lastName, 'Duponte')
  })
})

import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import type { ApiClient } from '@japa/api-client'
import Competence from '#evaluations/models/competence'
import EvaluationLearner from '#evaluations/models/evaluation_learner'
import { createEvaluation } from '#evaluations/services/evaluations'
import { createScenario } from '#evaluations/services/scenarios'
import { assignCredit } from '#orders/services/assignments'
import PartnerSession from '#orders/models/partner_session'
import Attestation from '#sessions/models/attestation'
import RegistrationResult from '#sessions/models/registration_result'
import { registerCandidates } from '#sessions/services/registrations'
import { lastMailTo } from '#shared/mail/mailbox'
import {
  CentreFactory,
  frameworkNodeId,
  makeCandidate,
  makeCreditProduct,
  makeCreditStock,
  makeDivision,
  makeFramework,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { pagesText } from '#tests/helpers/pdf'
import { xlsxRows } from '#tests/helpers/files'

/** The same payloads as the browser sweep (tests/browser/xss.spec.ts). */
const XSS = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(2)>',
  svg: "'><svg onload=alert(3)>",
  alpine: '" x-init="alert(5)" @click="alert(6)" x="',
  textarea: '</textarea><script>alert(7)</script>',
}

/** pdf.js may split or join text runs differently: compare without whitespace. */
const squash = (text: string) => text.replace(/\s+/g, '')

async function pdfText(client: ApiClient, path: string, as: any) {
  const response = await client.get(path).loginAs(as)
  response.assertStatus(200)
  response.assertHeader('content-type', 'application/pdf')
  return squash((await pagesText(response.body() as Buffer)).join(' '))
}

/**
 * An HTML mail shows the text escaped and never carries the markup; its
 * plain-text part is not HTML, so it reads exactly as written.
 */
async function assertMail(
  assert: any,
  address: string,
  literal: string,
  { html: escaped }: { html: string }
) {
  const mail = await lastMailTo(address)
  assert.exists(mail, `no mail to ${address}`)
  assert.include(mail!.html, escaped)
  for (const raw of ['<script', '<img', '<svg', 'x-init="']) assert.notInclude(mail!.html, raw)
  assert.include(mail!.text, literal)
  assert.notMatch(mail!.text, /&(lt|gt|quot|amp|#x27|#39);/)
}

test.group('XSS · PDFs and mails show names as text', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(60_000)

  test('exports, access codes, the attestation and its public verification carry the centre and candidate names literally', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.merge({ name: `Centre ${XSS.script}` }).create()
    const staff = await makeUser('centre_staff', [centre])
    const admin = await makeUser('network_admin')
    const session = await makeSession(centre)
    const candidate = await makeCandidate(centre, {
      lastName: 'Zoé',
      firstName: `Lina ${XSS.img}`,
    })
    const [registration] = await registerCandidates(null, session.id, [
      { candidate, input: { tests: ['CE'], channel: 'on_site' } },
    ])

    // Exports carry the text as it is, neither escaped nor run as a formula.
    const xlsx = await client.get('/candidates/export/xlsx').loginAs(staff)
    assert.deepInclude(
      (await xlsxRows(xlsx.body() as Buffer)).map((row) => row[0]),
      `ZOÉ ${candidate.firstName}`
    )
    const csv = await client.get('/candidates/export/csv').loginAs(staff)
    assert.include(csv.text(), `ZOÉ Lina ""><img src=x onerror=alert(2)>`)

    const codes = await pdfText(client, `/sessions/${session.id}/access-codes`, staff)
    assert.include(codes, squash(candidate.firstName))

    await session.merge({ status: 'in_correction' }).save()
    await RegistrationResult.create({
      registrationId: registration.id,
      testCode: 'CE',
      score: 250,
      level: 'B2',
      source: 'manual',
    })
    await client.post(`/sessions/${session.id}/results/publication`).loginAs(admin).withCsrfToken()
    const attestation = await pdfText(
      client,
      `/sessions/${session.id}/registrations/${registration.id}/attestation`,
      staff
    )
    assert.include(attestation, squash(candidate.firstName))
    assert.include(attestation, squash(centre.name))

    // The public verification page shows the name escaped.
    const code = (await Attestation.findByOrFail('registration_id', registration.id)).code
    const verified = await client.get(`/verify/${code}`)
    verified.assertTextIncludes('Lina &quot;&gt;&lt;img src=x onerror=alert(2)&gt;')
    assert.notInclude(verified.text(), '<img src=x')
  })

  test('the scenario sheet, the evaluation sheet and the professional passport print their texts literally', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const version = await makeFramework([centre], await makeUser('network_admin'))
    const teacher = await makeUser('teacher', [centre])
    const learner = await makeUser('learner', [centre], { firstName: `Léa ${XSS.svg}` })
    await makeDivision(centre, 'BTS COM 1', [teacher, learner])
    const competenceId = await frameworkNodeId(version.id, 'competences', 'C11.1')
    const scenario = await createScenario(teacher, centre.id, {
      title: `Scénario ${XSS.script}`,
      level: null,
      visibility: 'private',
      context: `Contexte ${XSS.textarea}`,
      materials: null,
      links: [],
      resources: null,
      choices: [{ competenceId, complexities: [], hazards: [] }],
    })
    const scenarioText = await pdfText(client, `/scenarios/${scenario.id}/pdf`, teacher)
    assert.include(scenarioText, squash(scenario.title))
    assert.include(scenarioText, squash(scenario.context!))

    const evaluation = await createEvaluation(teacher, centre.id, {
      title: `Évaluation ${XSS.img}`,
      evaluatedOn: DateTime.utc().startOf('day'),
      choices: [
        {
          competenceId: (await Competence.findOrFail(competenceId)).id,
          complexities: [],
          hazards: [],
        },
      ],
      learnerIds: [learner.id],
    })
    await EvaluationLearner.query()
      .where('evaluation_id', evaluation.id)
      .update({ comment: `Commentaire ${XSS.alpine}` })
    const sheet = await pdfText(client, `/evaluations/${evaluation.id}/sheet?filled=1`, teacher)
    assert.include(sheet, squash(evaluation.title))
    assert.include(sheet, squash(learner.firstName))
    assert.include(sheet, squash(`Commentaire ${XSS.alpine}`))

    await client
      .post('/my/passport/situations')
      .loginAs(learner)
      .fields({
        'title': `Situation ${XSS.script}`,
        'situation_id': String(await frameworkNodeId(version.id, 'situations', 'S112')),
        'description': `Description ${XSS.textarea}`,
        'location': 'organisation',
        'starts_on': '2026-10-05',
        'ends_on': '2026-10-09',
        'source': 'internship',
        'kind': 'lived',
        'actors[0][name]': `Acteur ${XSS.img}`,
        'actors[0][role]': 'Tuteur',
        'competence_id': String(competenceId),
      })
      .withCsrfToken()
    const passport = await pdfText(client, '/my/passport/print.pdf?unit=E6', learner)
    assert.include(passport, squash(`Situation ${XSS.script}`))
    assert.include(passport, squash(`Description ${XSS.textarea}`))
    assert.include(passport, squash(`Acteur ${XSS.img}`))
    assert.include(passport, squash(learner.firstName))
  })

  test('an exam booked in a partner centre: the mail escapes the names in HTML and keeps them in text; the registration attestation prints the name', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const product = await makeCreditProduct({ type: 'official_partner' })
    await makeCreditStock(centre, 1, product)
    const partner = await PartnerSession.create({
      centreName: `Partenaire ${XSS.script}`,
      address: `Quai ${XSS.img}`,
      postcode: '38000',
      city: 'Grenoble',
      startsAt: DateTime.utc().plus({ days: 40 }),
      seats: 5,
      status: 'open',
    })
    const candidate = await makeCandidate(centre, {
      firstName: `Lina ${XSS.textarea}`,
      email: 'lina.xss@example.test',
    })
    await assignCredit(manager, candidate.id, {
      type: 'official_partner',
      partnerSessionId: partner.id,
      notify: true,
    })
    await assertMail(assert, 'lina.xss@example.test', `Bonjour ${candidate.firstName}`, {
      html: 'Partenaire &lt;script&gt;alert(1)&lt;/script&gt;, Quai &quot;&gt;&lt;img src=x onerror=alert(2)&gt;',
    })
    const mail = await lastMailTo('lina.xss@example.test')
    assert.include(mail!.text, `${partner.centreName}, ${partner.address}`)
    assert.include(mail!.text, "l'examen")

    const document = await pdfText(
      client,
      `/candidates/${candidate.id}/documents/registration`,
      manager
    )
    assert.include(document, squash(candidate.firstName))
  })

  test('a new message and a password reset: names and titles escaped in HTML, literal in text', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre], {
      firstName: `Resp ${XSS.alpine}`,
      email: 'resp.xss@example.test',
    })
    const accountManager = await makeUser('account_manager', [centre], {
      firstName: `Claire ${XSS.svg}`,
      email: 'claire.xss@example.test',
    })
    await client
      .post('/messages')
      .loginAs(manager)
      .form({ title: `Sujet ${XSS.img}`, body: `Corps ${XSS.script}` })
      .withCsrfToken()
    await assertMail(assert, accountManager.email, `Bonjour ${accountManager.firstName}`, {
      html: 'Sujet &quot;&gt;&lt;img src=x onerror=alert(2)&gt;',
    })
    const mail = await lastMailTo(accountManager.email)
    assert.equal(mail!.subject, `Nouveau message : Sujet ${XSS.img}`)
    assert.include(mail!.text, `« Sujet ${XSS.img} »`)
    // The body stays in the app: never in the mail.
    assert.notInclude(mail!.html + mail!.text, 'Corps')

    await client.post('/forgot-password').form({ email: manager.email }).withCsrfToken()
    await assertMail(assert, manager.email, `Bonjour ${manager.firstName}`, {
      html: 'Resp &quot; x-init=&quot;alert(5)&quot; @click=&quot;alert(6)&quot; x=&quot;',
    })
  })
})

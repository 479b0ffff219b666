import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import ExamPassport from '#passports/models/exam_passport'
import PassportMedia from '#passports/models/passport_media'
import {
  CentreFactory,
  TEST_PASSWORD,
  makeRegistration,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { logIn, newPerson } from '#tests/browser/helpers'

test.group('Browser | exam passport capture', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('photo and signature are kept in the browser through a lost answer and a reload, then sent once; the manager sees them', async ({
    visit,
    browser,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const session = await makeSession(centre)
    const registration = await makeRegistration(centre, session)
    session.merge({ startsAt: DateTime.utc().minus({ hours: 1 }), status: 'registrations_closed' })
    await session.save()
    const evaluator = await makeUser('evaluator', [centre])
    const manager = await makeUser('centre_manager', [centre])

    const page = await visit('/login')
    await logIn(page, evaluator.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto('/passport')
    await page.getByRole('link', { name: new RegExp(String(session.number)) }).click()
    await page.getByRole('link', { name: 'Saisir' }).click()

    // The photo, from the (fake) camera.
    await page.getByRole('button', { name: 'Ouvrir la caméra' }).click()
    await page.getByRole('button', { name: 'Prendre la photo' }).click()
    await page.getByTestId('photo-preview').waitFor()
    // The conditions, then the signature drawn with the mouse.
    await page.getByLabel("J'ai lu et j'accepte les conditions d'inscription").check()
    const pad = await page.getByTestId('signature-pad').boundingBox()
    await page.mouse.move(pad!.x + 40, pad!.y + 120)
    await page.mouse.down()
    for (const [x, y] of [
      [120, 60],
      [200, 150],
      [280, 70],
      [360, 140],
    ])
      await page.mouse.move(pad!.x + x, pad!.y + y, { steps: 5 })
    await page.mouse.up()
    await page.getByRole('button', { name: 'Valider la signature' }).click()
    const items = page.getByTestId('upload-item')
    await items.nth(1).waitFor()
    assert.deepEqual(
      await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))),
      ['pending', 'pending']
    )

    // The network drops the answer to the first chunk: the server has it, the page does not know.
    let dropped = 0
    await page.route('**/passport/uploads/**', async (route) => {
      if (route.request().method() === 'PUT' && dropped === 0) {
        dropped++
        await route.fetch()
        return route.abort('connectionreset')
      }
      return route.continue()
    })
    await page.getByTestId('upload-all').click()
    await page.waitForSelector('[data-testid=upload-item][data-state=failed]')

    // A reload: everything not confirmed is still there.
    await page.unroute('**/passport/uploads/**')
    await page.reload()
    await items.nth(1).waitFor()
    await page.getByTestId('upload-all').click()
    await page.waitForSelector('[data-testid=upload-item]:not([data-state=uploaded])', {
      state: 'detached',
      timeout: 15_000,
    })
    assert.equal(await items.count(), 2)
    const passport = await ExamPassport.findByOrFail('registration_id', registration.id)
    const media = await PassportMedia.query().where('passport_id', passport.id)
    assert.sameMembers(
      media.map((m) => m.kind),
      ['photo', 'signature']
    )
    assert.equal(media.find((m) => m.kind === 'photo')!.mime, 'image/jpeg')
    assert.equal(media.find((m) => m.kind === 'signature')!.mime, 'image/png')
    assert.isNotNull(passport.conditionsAcceptedAt)

    // The manager sees them on the portal.
    const desk = await newPerson(browser)
    await desk.goto('/login')
    await logIn(desk, manager.email, TEST_PASSWORD)
    await desk.getByTestId('current-user').waitFor()
    await desk.goto(`/passport/registrations/${registration.id}`)
    const photo = desk.getByTestId('record-photo').locator('img')
    await photo.waitFor()
    assert.isAbove(await photo.evaluate((img: any) => img.naturalWidth), 0)
    const signature = desk.getByTestId('record-signature').locator('img')
    assert.isAbove(await signature.evaluate((img: any) => img.naturalWidth), 0)
  })
})

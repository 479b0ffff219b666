import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import ExamPassport from '#passports/models/exam_passport'
import PassportMedia from '#passports/models/passport_media'
import PassportPart from '#passports/models/passport_part'
import PassportUpload from '#passports/models/passport_upload'
import { GridCriterion } from '#sessions'
import { Candidate } from '#candidates'
import {
  CentreFactory,
  TEST_PASSWORD,
  makeEoSubjects,
  makeHeldRegistration,
  makeRegistration,
  makeSession,
  makeUser,
} from '#database/factories/index'
import { logIn, newPerson, underServiceWorker } from '#tests/browser/helpers'
import { webm } from '#tests/helpers/files'

test.group('Browser | exam passport capture', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('photo and signature are kept in the browser through a lost answer; the list shows them to send and its link resumes them; sent once, the manager sees them', async ({
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
    await page.getByTestId('signature-pad').waitFor()
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

    // The network drops every answer to the chunks: the server has them, the page does not know.
    await page.route('**/passport/uploads/**', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue()
      await route.fetch()
      return route.abort('connectionreset')
    })
    await page.getByTestId('upload-all').click()
    await page.waitForSelector('[data-testid=upload-item]:not([data-state=failed])', {
      state: 'detached',
    })
    assert.equal(await items.count(), 2)

    // Back on the list, the candidate shows what this device still has to send; its link resumes.
    await page.unroute('**/passport/uploads/**')
    await page.goto(`/passport/sessions/${session.id}`)
    // "Synchroniser" opens the candidate and sends what waits at once.
    await page.getByRole('link', { name: 'à envoyer (2) — synchroniser' }).click()
    await items.nth(1).waitFor()
    // Back on the page, what this device holds is shown again.
    const previews = ['photo-preview', 'signature-preview'].map((id) => page.getByTestId(id))
    for (const preview of previews) {
      await preview.waitFor()
      await page.waitForFunction(
        (img: any) => img.complete && img.naturalWidth > 0,
        await preview.elementHandle()
      )
    }
    await page.waitForSelector('[data-testid=upload-item]:not([data-state=uploaded])', {
      state: 'detached',
      timeout: 15_000,
    })
    assert.equal(await items.count(), 2)
    await page.getByTestId('all-sent').waitFor()
    assert.deepEqual(
      await page
        .getByTestId('summary-state')
        .locator('li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-done'))),
      ['true', 'true', 'false', 'false']
    )
    // Sent in this visit, the preview is the server's copy of this very photo.
    const sentPhoto = await PassportMedia.query().where('kind', 'photo').firstOrFail()
    assert.equal(await previews[0].getAttribute('src'), `/passport/media/${sentPhoto.id}`)
    // On another visit with nothing left on the device, the server's copies are shown.
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const request = (globalThis as any).indexedDB.open('passerelle-passport', 1)
          request.onsuccess = () => {
            const tx = request.result.transaction('items', 'readwrite')
            tx.objectStore('items').clear()
            tx.oncomplete = resolve
            tx.onerror = reject
          }
        })
    )
    await page.reload()
    for (const preview of previews) {
      await preview.waitFor()
      assert.match((await preview.getAttribute('src')) ?? '', /^\/passport\/media\/\d+$/)
    }
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

  test('the examiner corrects the candidate information from the ID ("Annuler" changes nothing, "Valider" saves), then takes the photo from a file', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const registration = await makeHeldRegistration(centre)
    await registration.load('candidate')
    await registration.candidate.merge({ lastName: 'Duponte', firstName: 'Marie' }).save()
    const evaluator = await makeUser('evaluator', [centre])
    const page = await visit('/login')
    await logIn(page, evaluator.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/passport/registrations/${registration.id}/capture`)
    const info = page.getByTestId('candidate-info')
    await info.getByText('DUPONTE Marie').waitFor()

    await info.getByRole('link', { name: 'Modifier les informations' }).click()
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Dupond')
    await page.getByRole('link', { name: 'Annuler' }).click()
    await info.getByText('DUPONTE Marie').waitFor()

    await info.getByRole('link', { name: 'Modifier les informations' }).click()
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Dupont')
    await page.getByLabel("Numéro de pièce d'identité").fill('18AB12345')
    await page.getByRole('button', { name: 'Valider' }).click()
    await page.getByText('Informations du candidat enregistrées.').waitFor()
    await info.getByText('DUPONT Marie').waitFor()
    await info.getByText('18AB12345').waitFor()
    const candidate = await Candidate.findOrFail(registration.candidateId)
    assert.equal(candidate.lastName, 'Dupont')
    assert.equal(candidate.idNumber, '18AB12345')

    // No camera at hand: the photo comes from a file, re-encoded as the 600×800 JPEG.
    await page.getByTestId('photo-file').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: await page.screenshot({ clip: { x: 0, y: 0, width: 300, height: 400 } }),
    })
    const preview = page.getByTestId('photo-preview')
    await preview.waitFor()
    assert.deepEqual(
      await preview.evaluate((img: any) => [img.naturalWidth, img.naturalHeight]),
      [600, 800]
    )
    await page.getByTestId('upload-all').click()
    await page.waitForSelector('[data-testid=upload-item][data-state=uploaded]')
    await candidate.refresh()
    assert.match(candidate.photoKey ?? '', /\.jpe?g$/)
  })

  test('subjects, two clips in section A with pause and resume, one moved to B, both grids, then everything uploaded; the manager plays the clips', async ({
    visit,
    browser,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const session = await makeSession(centre)
    const registration = await makeRegistration(centre, session)
    session.merge({ startsAt: DateTime.utc().minus({ hours: 1 }), status: 'registrations_closed' })
    await session.save()
    const tef = await makeEoSubjects('01', (part) => `Sujet de la section ${part.slice(-1)}`)
    for (const part of ['EO-A', 'EO-B'])
      await GridCriterion.create({
        productId: tef.id,
        part,
        label: `Interaction ${part}`,
        levels: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'],
        position: 1,
        active: true,
      })
    const evaluator = await makeUser('evaluator', [centre])
    const manager = await makeUser('centre_manager', [centre])
    const page = await visit('/login')
    await logIn(page, evaluator.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/passport/registrations/${registration.id}/capture`)

    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.getByLabel('Sujet — A').selectOption({ label: 'A01 — Sujet de la section A' })
    await page.getByLabel('Sujet — B').selectOption({ label: 'B01 — Sujet de la section B' })
    await page.getByRole('button', { name: 'Valider les sujets' }).click()
    // The choice stays on the device: a reload keeps it; it can be changed before recording.
    await page.reload()
    await page.getByTestId('chosen-subjects').getByText('A01').waitFor()
    await page.getByRole('button', { name: 'Changer les sujets' }).click()
    assert.equal(
      await page.getByLabel('Sujet — B').inputValue(),
      await page.getByLabel('Sujet — B').locator('option', { hasText: 'B01' }).getAttribute('value')
    )
    await page.getByRole('button', { name: 'Valider les sujets' }).click()

    const sectionA = page.locator('[data-part="EO-A"]')
    for (const pauseToo of [true, false]) {
      await sectionA.getByRole('button', { name: "Démarrer l'enregistrement" }).click()
      await sectionA.getByText('Enregistrement en cours').waitFor()
      await page.waitForTimeout(1200)
      if (pauseToo) {
        await sectionA.getByRole('button', { name: 'Pause' }).click()
        await sectionA.getByText('En pause').waitFor()
        await sectionA.getByRole('button', { name: 'Reprendre' }).click()
        await page.waitForTimeout(600)
      }
      await sectionA.getByRole('button', { name: 'Arrêter' }).click()
    }
    await sectionA.getByTestId('clip').nth(1).waitFor()
    // Move the second clip to section B: a click outside the popup cancels, the button confirms.
    await sectionA.getByTestId('clip').nth(1).getByRole('button', { name: 'Déplacer' }).click()
    await page.mouse.click(5, 5)
    assert.equal(await sectionA.getByTestId('clip').count(), 2)
    await sectionA.getByTestId('clip').nth(1).getByRole('button', { name: 'Déplacer' }).click()
    await page.getByTestId('confirm-move').click()
    const sectionB = page.locator('[data-part="EO-B"]')
    await sectionB.getByTestId('clip').first().waitFor()
    assert.equal(await sectionA.getByTestId('clip').count(), 1)

    // The grids, section B (shown after the move) then A.
    await sectionB.getByRole('radio', { name: 'B1' }).check()
    await sectionB.getByRole('button', { name: 'Valider la grille' }).click()
    await page.getByRole('tab', { name: 'Section A' }).click()
    await sectionA.getByRole('radio', { name: 'B2' }).check()
    await sectionA.getByRole('button', { name: 'Valider la grille' }).click()

    await page.getByTestId('upload-all').click()
    await page.waitForSelector('[data-testid=upload-item]:not([data-state=uploaded])', {
      state: 'detached',
      timeout: 20_000,
    })
    assert.deepEqual(errors, [])
    const passport = await ExamPassport.findByOrFail('registration_id', registration.id)
    const clips = await PassportMedia.query().where('passport_id', passport.id).orderBy('id')
    assert.sameDeepMembers(
      clips.map((c) => [c.kind, c.part, c.mime]),
      [
        ['clip', 'EO-A', 'audio/webm'],
        ['clip', 'EO-B', 'audio/webm'],
      ]
    )
    assert.isTrue(clips.every((c) => c.durationMs! >= 1000))
    const parts = await PassportPart.query().where('passport_id', passport.id).orderBy('part')
    assert.deepEqual(
      parts.map((p) => [p.part, Object.values(p.grid)]),
      [
        ['EO-A', ['B2']],
        ['EO-B', ['B1']],
      ]
    )
    // The EO result follows from both grids: (4/6 + 3/6) / 2 × 450 = 262.5 → 263, mean rank 2.5 → B1.
    await registration.load('results')
    assert.deepEqual(
      registration.results.map((r) => [r.testCode, r.score, r.level, r.source]),
      [['EO', 263, 'B1', 'passport']]
    )

    const desk = await newPerson(browser)
    await desk.goto('/login')
    await logIn(desk, manager.email, TEST_PASSWORD)
    await desk.getByTestId('current-user').waitFor()
    await desk.goto(`/passport/registrations/${registration.id}`)
    const player = desk.locator('audio').first()
    await player.evaluate((audio: any) => {
      audio.preload = 'auto'
      audio.load()
    })
    await desk.waitForFunction(
      'document.querySelector("audio").readyState >= 1 && document.querySelector("audio").duration > 0'
    )
  })

  test('a clip already on the server is moved to section B, then deleted, each after a confirmation; offline, the change waits', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const registration = await makeHeldRegistration(centre)
    await makeEoSubjects('09', (part) => `Sujet ${part.slice(-1)}`)
    const evaluator = await makeUser('evaluator', [centre])
    const passport = await ExamPassport.create({
      registrationId: registration.id,
      centreId: centre.id,
    })
    const key = `passports/${passport.id}/on-server.webm`
    await drive.use().put(key, webm(2048))
    const clip = await PassportMedia.create({
      passportId: passport.id,
      kind: 'clip',
      part: 'EO-A',
      clientId: 'from-another-tablet-1',
      storageKey: key,
      mime: 'audio/webm',
      size: 2048,
      sha256: 'd'.repeat(64),
      durationMs: 61_000,
      capturedAt: DateTime.utc().minus({ minutes: 30 }),
      capturedBy: evaluator.id,
      uploadedAt: DateTime.utc().minus({ minutes: 25 }),
      purgedAt: null,
    })

    const page = await visit('/login')
    await logIn(page, evaluator.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/passport/registrations/${registration.id}/capture`)
    await page.getByLabel('Sujet — A').selectOption({ label: 'A09 — Sujet A' })
    await page.getByLabel('Sujet — B').selectOption({ label: 'B09 — Sujet B' })
    await page.getByRole('button', { name: 'Valider les sujets' }).click()
    const sectionA = page.locator('[data-part="EO-A"]')
    const sectionB = page.locator('[data-part="EO-B"]')
    await sectionA.getByTestId('clip').getByText('01:01').waitFor()
    await sectionA.getByTestId('clip-on-server').waitFor()

    await sectionA.getByTestId('clip').getByRole('button', { name: 'Déplacer' }).click()
    await page.getByTestId('confirm-move').click()
    await sectionB.getByTestId('clip').getByText('01:01').waitFor()
    assert.equal(await sectionA.getByTestId('clip').count(), 0)
    await clip.refresh()
    assert.equal(clip.part, 'EO-B')

    // Offline, the server cannot be asked: the clip stays, the examiner is told.
    await page.context().setOffline(true)
    await sectionB.getByTestId('clip').getByRole('button', { name: 'Supprimer' }).click()
    await page.getByTestId('confirm-delete').click()
    await page.getByText('le déplacer ou le supprimer demande une connexion').waitFor()
    assert.equal(await sectionB.getByTestId('clip').count(), 1)
    await page.context().setOffline(false)

    await sectionB.getByTestId('clip').getByRole('button', { name: 'Supprimer' }).click()
    await page.getByTestId('confirm-delete').click()
    await sectionB.getByTestId('clip').waitFor({ state: 'detached' })
    assert.isNull(await PassportMedia.find(clip.id))
    assert.isFalse(await drive.use().exists(key))
  })

  test('installed as a PWA, the capture page opens again without a network with what was waiting', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const registration = await makeHeldRegistration(centre)
    const evaluator = await makeUser('evaluator', [centre])
    const page = await visit('/login')
    await logIn(page, evaluator.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    const manifest = await page.request.get('/manifest.webmanifest')
    const app = await manifest.json()
    assert.equal(app.start_url, '/passport')
    // Installable: PNG icons of 192 and 512 pixels that the server really serves.
    for (const size of ['192x192', '512x512']) {
      const icon = app.icons.find((i: any) => i.sizes === size && i.type === 'image/png')
      const served = await page.request.get(icon.src)
      assert.equal(served.headers()['content-type'], 'image/png')
    }
    await page.goto(`/passport/registrations/${registration.id}/capture`)
    // Once the service worker controls the page, a visit keeps the screen for later.
    await underServiceWorker(page)
    await page.reload()
    await page.getByRole('button', { name: 'Ouvrir la caméra' }).click()
    await page.getByRole('button', { name: 'Prendre la photo' }).click()
    await page.getByTestId('upload-item').waitFor()

    await page.context().setOffline(true)
    const offline = await page.reload()
    assert.isTrue(offline!.fromServiceWorker())
    await page.getByTestId('upload-item').waitFor()
    assert.equal(await page.getByTestId('upload-item').getAttribute('data-state'), 'pending')

    // Back online, what waited goes by itself.
    await page.context().setOffline(false)
    await page.waitForSelector('[data-testid=upload-item][data-state=uploaded]')
    const passport = await ExamPassport.findByOrFail('registration_id', registration.id)
    assert.lengthOf(await PassportMedia.query().where('passport_id', passport.id), 1)
  })

  test('the network cut (offline mode) in the middle of a long upload, the page reloaded offline, then back online: the clip arrives whole, once', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const registration = await makeHeldRegistration(centre)
    const evaluator = await makeUser('evaluator', [centre])
    const page = await visit('/login')
    await logIn(page, evaluator.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/passport/registrations/${registration.id}/capture`)
    await underServiceWorker(page)
    // A 20-minute recording weighs megabytes (the fake microphone gives seconds): one of
    // 2.5 MB is put on the device as the recorder leaves it, in 5 chunks of 512 KB.
    const size = 2_500_000
    const header = [...webm(28)]
    const sent = await page.evaluate(
      async ([bytes, head]) => {
        const data = new Uint8Array(bytes)
        for (let i = 0; i < bytes; i++) data[i] = i < head.length ? head[i] : (i * 31) % 251
        const blob = new Blob([data], { type: 'audio/webm' })
        const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
        const sha = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
        const root = (globalThis as any).document.querySelector('[data-testid=capture]')
        const item = {
          clientId: 'long-clip-0001',
          registrationId: Number(root.dataset.registration),
          userId: Number(root.dataset.user),
          kind: 'clip',
          part: 'EO-A',
          blob,
          sha256: sha,
          capturedAt: new Date().toISOString(),
          acceptedAt: null,
          durationMs: 1_200_000,
          state: 'pending',
        }
        await new Promise((resolve, reject) => {
          const request = (globalThis as any).indexedDB.open('passerelle-passport', 1)
          request.onsuccess = () => {
            const tx = request.result.transaction('items', 'readwrite')
            tx.objectStore('items').put(item)
            tx.oncomplete = resolve
            tx.onerror = reject
          }
        })
        return sha
      },
      [size, header] as const
    )
    await page.reload()
    await page.getByTestId('upload-item').waitFor()

    // Two chunks go through; the network drops during the third.
    let chunks = 0
    await page.route('**/passport/uploads/**', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue()
      if (++chunks <= 2) {
        return route.continue()
      }
      await page.context().setOffline(true)
      return route.abort('internetdisconnected')
    })
    await page.getByTestId('upload-all').click()
    await page.waitForSelector('[data-testid=upload-item][data-state=failed]')
    await page.unroute('**/passport/uploads/**')
    const halfway = await PassportUpload.findByOrFail('client_id', 'long-clip-0001')
    assert.equal(halfway.received, 2 * 512 * 1024)

    // Reloaded without a network: the page comes from the device, the clip still waits.
    const offline = await page.reload()
    assert.isTrue(offline!.fromServiceWorker())
    await page.getByTestId('upload-item').waitFor()
    assert.notEqual(await page.getByTestId('upload-item').getAttribute('data-state'), 'uploaded')

    // Back online, the page resumes where the server stopped, by itself.
    await page.context().setOffline(false)
    await page.waitForSelector('[data-testid=upload-item][data-state=uploaded]', {
      timeout: 20_000,
    })
    const passport = await ExamPassport.findByOrFail('registration_id', registration.id)
    const media = await PassportMedia.query().where('passport_id', passport.id)
    assert.lengthOf(media, 1)
    assert.equal(media[0].sha256, sent)
    assert.equal(media[0].size, size)
    const stored = Buffer.from(await drive.use().getBytes(media[0].storageKey!))
    assert.equal(createHash('sha256').update(stored).digest('hex'), sent)
    const uploads = await PassportUpload.query().where('passport_id', passport.id)
    assert.lengthOf(uploads, 1)
    assert.deepEqual(
      uploads[0].chunks,
      [0, 1, 2, 3, 4].map((n) => n * 512 * 1024)
    )
  })

  test('a recording cut short by closing the page comes back as a clip on the next visit', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const registration = await makeHeldRegistration(centre)
    await makeEoSubjects('02', (part) => `Sujet ${part}`)
    const evaluator = await makeUser('evaluator', [centre])
    const page = await visit('/login')
    await logIn(page, evaluator.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/passport/registrations/${registration.id}/capture`)
    await page.getByLabel('Sujet — A').selectOption({ label: 'A02 — Sujet EO-A' })
    await page.getByLabel('Sujet — B').selectOption({ label: 'B02 — Sujet EO-B' })
    await page.getByRole('button', { name: 'Valider les sujets' }).click()
    const sectionA = page.locator('[data-part="EO-A"]')
    await sectionA.getByRole('button', { name: "Démarrer l'enregistrement" }).click()
    await sectionA.getByText('Enregistrement en cours').waitFor()
    await page.waitForTimeout(2600)
    // The tab goes away mid-recording (no Stop).
    const url = page.url()
    await page.goto('about:blank')
    await page.goto(url)
    const item = page.getByTestId('upload-item')
    await item.waitFor()
    assert.equal(await item.getAttribute('data-state'), 'pending')
    assert.include(await item.innerText(), 'EO-A')
    await page.getByTestId('upload-all').click()
    await page.waitForSelector('[data-testid=upload-item][data-state=uploaded]')
  })

  test('on a shared tablet, each examiner sees and sends only what they captured', async ({
    visit,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const registration = await makeHeldRegistration(centre)
    const first = await makeUser('evaluator', [centre])
    const second = await makeUser('evaluator', [centre])
    const page = await visit('/login')
    await logIn(page, first.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/passport/registrations/${registration.id}/capture`)
    await page.getByRole('button', { name: 'Ouvrir la caméra' }).click()
    await page.getByRole('button', { name: 'Prendre la photo' }).click()
    await page.getByTestId('upload-item').waitFor()
    await page.getByRole('button', { name: 'Se déconnecter' }).click()

    await logIn(page, second.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/passport/registrations/${registration.id}/capture`)
    await page.getByTestId('summary').waitFor()
    await page.waitForTimeout(300)
    assert.equal(await page.getByTestId('upload-item').count(), 0)
    await page.getByRole('button', { name: 'Se déconnecter' }).click()

    await logIn(page, first.email, TEST_PASSWORD)
    await page.getByTestId('current-user').waitFor()
    await page.goto(`/passport/registrations/${registration.id}/capture`)
    await page.getByTestId('upload-item').waitFor()
    assert.equal(await page.getByTestId('upload-item').count(), 1)
  })
})

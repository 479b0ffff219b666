import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import type { User } from '#accounts'
import type { Centre } from '#centres'
import { startConversation } from '#messaging'
import { submitAccountRequest } from '#messaging/services/account_requests'
import MessageAttachment from '#messaging/models/message_attachment'
import type { Role } from '#shared/roles'
import { CentreFactory, makeUser } from '#database/factories/index'
import { PDF } from '#tests/helpers/files'
import {
  type LeakPage,
  assertNoLeak,
  authorisationTests,
  usersOf,
} from '#tests/helpers/authorization'
import {
  READERS,
  REQUESTERS,
  ROUTES,
  WRITERS,
  type World,
} from './messaging_authorization.table.js'

/*
 * The messaging module's authorisation table (messaging_authorization.table.ts),
 * run as every role of the centre and as the users of another centre, then
 * what another centre never sees in the conversation list and the forms.
 */

async function conversation(centre: Centre, author: User, title: string, status = 'open') {
  const { conversation: started, message } = await startConversation({
    centreId: centre.id,
    title,
    body: `${title} : message secret`,
    author,
  })
  if (status !== 'open') {
    started.status = 'closed'
    await started.save()
  }
  return { conversation: started, message }
}

/** A centre named Vermillon: three conversations of its manager, a PDF, two account requests. */
async function makeWorld(): Promise<World> {
  const centre = await CentreFactory.merge({ name: 'Centre Vermillon' }).create()
  const manager = await makeUser('centre_manager', [centre])
  const thread = await conversation(centre, manager, 'Fil Vermillon')
  const storageKey = `messages/${centre.id}/authorisation.pdf`
  await drive.use().put(storageKey, PDF)
  const attachment = await MessageAttachment.create({
    messageId: thread.message.id,
    storageKey,
    filename: 'bon Vermillon.pdf',
    mime: 'application/pdf',
    size: PDF.length,
  })
  const request = (lastName: string) =>
    submitAccountRequest(manager, {
      centreId: centre.id,
      firstName: 'Paul',
      lastName,
      email: `${lastName.toLowerCase()}@example.test`,
      gender: null,
      phone: null,
      role: 'centre_staff',
      attachments: [],
    })
  return {
    centre,
    conversations: {
      thread: thread.conversation,
      toClose: (await conversation(centre, manager, 'Fil Vermillon à clore')).conversation,
      closed: (await conversation(centre, manager, 'Fil Vermillon clos', 'closed')).conversation,
    },
    attachmentId: attachment.id,
    requests: {
      toAccept: await request('Vermillonaccepte'),
      toRefuse: await request('Vermillonrefuse'),
    },
  }
}

/** What the routes could change: a refused call must leave all of it as it was. */
async function snapshot(centreId: number) {
  const conversations = db.from('conversations').where('centre_id', centreId)
  return {
    conversations: await conversations.clone().orderBy('id').select('id', 'status', 'title'),
    messages: await db
      .from('messages')
      .whereIn('conversation_id', conversations.clone().select('id'))
      .orderBy('id')
      .select('id', 'body'),
    requests: await db
      .from('account_requests')
      .where('centre_id', centreId)
      .orderBy('id')
      .select('id', 'status'),
    members: await db.from('centre_memberships').where('centre_id', centreId).count('* as n'),
  }
}

test.group('Messaging · authorisation, route by route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  authorisationTests({
    routes: ROUTES,
    makeWorld,
    snapshot: (world) => snapshot(world.centre.id),
    outsidersTitle:
      'another centre, another portfolio: conversations are not found, nothing changes',
  })
})

test.group('Messaging · account requests', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("an evaluator account is the pedagogical service's decision, not the account manager's", async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const request = await submitAccountRequest(manager, {
      centreId: centre.id,
      firstName: 'Eva',
      lastName: 'Luatrice',
      email: 'eva.luatrice@example.test',
      gender: null,
      phone: null,
      role: 'evaluator',
      attachments: [],
    })
    const accountManager = await makeUser('account_manager', [centre])
    for (const decision of ['acceptance', 'refusal']) {
      const response = await client
        .post(`/account-requests/${request.id}/${decision}`)
        .loginAs(accountManager)
        .form({ reason: 'Pas pour moi.' })
        .withCsrfToken()
      assert.equal(response.status(), 403, decision)
    }
    await request.refresh()
    assert.equal(request.status, 'submitted')
    const accepted = await client
      .post(`/account-requests/${request.id}/acceptance`)
      .loginAs(await makeUser('network_admin'))
      .withCsrfToken()
      .redirects(0)
    assert.equal(accepted.status(), 302)
    await request.refresh()
    assert.equal(request.status, 'accepted')
  })
})

test.group('Messaging · what another centre never sees', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the conversation list, its search and filters, and the forms leave the other centre out', async ({
    client,
    assert,
  }) => {
    const world = await makeWorld()
    const other = await CentreFactory.merge({ name: 'Centre Outremer' }).create()
    // Two centres each: the forms then offer a choice of centre.
    const second = await CentreFactory.merge({ name: 'Centre Azur' }).create()
    const second2 = await CentreFactory.merge({ name: 'Centre Corail' }).create()
    const roles: Role[] = ['account_manager', 'centre_manager', 'centre_staff']
    const insiders = await usersOf(roles, [world.centre, second])
    const outsiders = await usersOf(roles, [other, second2])
    const id = world.centre.id
    const pages: LeakPage[] = [
      { path: '/messages', secret: 'Fil Vermillon', roles: READERS },
      { path: '/messages?q=Vermillon', secret: 'Fil Vermillon', roles: READERS },
      { path: `/messages?centre=${id}`, secret: 'Fil Vermillon', roles: READERS },
      { path: '/messages?status=closed', secret: 'Fil Vermillon clos', roles: READERS },
      { path: '/messages/new', secret: 'Centre Vermillon', roles: WRITERS },
      { path: '/account-requests/new', secret: 'Centre Vermillon', roles: REQUESTERS },
    ]
    await assertNoLeak({ client, assert }, pages, insiders, outsiders)
  })
})

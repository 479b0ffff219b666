import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import type { SessionData } from '@adonisjs/session/types'
import type { User } from '#accounts'
import { routerRoutes } from '#tests/helpers/authorization'
import { CentreFactory, TEST_PASSWORD, makeUser } from '#database/factories/index'
import {
  type Base,
  type Call,
  type MassCase,
  type Row,
  type Run,
  CASES,
  FILE_BODY,
  NO_BODY,
  OWNED,
  POISON_DAY,
  POISON_ID,
  POISON_NUMBERS,
  POISON_PASSWORD,
  CENTRE_TABLES,
  makeBase,
  school,
  situationForm,
  pick,
  poison,
} from './mass_assignment.cases.js'

/*
 * Mass assignment through HTTP: each case of mass_assignment.cases.ts sends
 * its valid form, then the same form with poison fields, and checks that the
 * record written took none of them (see the cases file for how to add a
 * route). Then the privilege escalations said outright: a centre manager or
 * an account manager editing a user, a learner's own profile, a learner
 * naming another learner as a situation's owner.
 */

/** The form with the poison's fields it does not have (a field of the form keeps its value). */
function poisoned(body: Record<string, unknown>, extra: Record<string, unknown>) {
  const base = (key: string) => key.split('[')[0]
  const taken = new Set(Object.keys(body).map(base))
  const out = { ...body }
  for (const [key, value] of Object.entries(extra))
    if (value !== undefined && !taken.has(base(key))) out[key] = value
  return out
}

/** Nested values as bracketed fields (multipart forms). */
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [key, item] of Object.entries(value)) {
    const name = prefix ? `${prefix}[${key}]` : key
    if (Array.isArray(item)) out[name.endsWith('[]') ? name : `${name}[]`] = item.map(String)
    else if (item && typeof item === 'object')
      Object.assign(out, flatten(item as Record<string, unknown>, name))
    else out[name] = String(item)
  }
  return out
}

/** The call was refused: an error status, or a redirect back with an error flashed. */
function refusal(response: ApiResponse) {
  if (response.status() >= 400) return `${response.status()} ${response.text().slice(0, 300)}`
  const flash = (response.flashMessages() ?? {}) as Record<string, unknown>
  for (const key of ['inputErrorsBag', 'errorsBag', 'error'])
    if (flash[key]) return `${response.status()} flashed ${key}: ${JSON.stringify(flash[key])}`
  return null
}

function send(
  client: ApiClient,
  user: User | null,
  call: Call,
  body: Record<string, unknown>,
  session?: SessionData
) {
  let request = client[call.method](call.path).redirects(0).header('Accept', 'application/json')
  if (user) request = request.loginAs(user)
  if (session) request = request.withSession(session)
  for (const [name, value] of Object.entries(call.headers ?? {}))
    request = request.header(name, value)
  if (call.json) request = request.json(body)
  else if (call.files) {
    request = request.fields(flatten(body))
    for (const [name, file] of Object.entries(call.files))
      request = request.file(name, file.content, { filename: file.name })
  } else request = request.form(body)
  return request.withCsrfToken()
}

/** Sends a case's calls (the session carried from one to the next); the last answer. */
async function perform(
  client: ApiClient,
  b: Base,
  c: MassCase,
  s: unknown,
  run: Run,
  change: (body: Record<string, unknown>) => Record<string, unknown>
) {
  const user = c.as === 'guest' ? null : await b.user(c.as)
  const calls = [c.calls(b, s, run)].flat()
  let session: SessionData | undefined
  const answers: ApiResponse[] = []
  for (const call of calls) {
    const response = await send(client, user, call, change(call.body), session)
    answers.push(response)
    session = response.session() as SessionData
  }
  return answers
}

/** The users a case involves and the other centre: nothing of them may move. */
async function surroundings(b: Base, c: MassCase) {
  const actor = c.as === 'guest' ? null : await b.user(c.as)
  const ids = [b.victim.id, b.outsider.id, ...(actor ? [actor.id] : [])]
  const users = await db
    .from('users')
    .whereIn('id', ids)
    .orderBy('id')
    .select('id', 'role', 'status', 'email', 'password')
  const own = new Set(c.ownAccount ?? [])
  for (const user of users)
    if (user.id === actor?.id) for (const column of own) delete (user as Row)[column]
  const counts: Record<string, number> = {}
  for (const table of CENTRE_TABLES) {
    const [row] = await db.from(table).where('centre_id', b.other.id).count('* as total')
    counts[table] = Number(row.total)
  }
  for (const [table, columns] of Object.entries(OWNED))
    for (const column of columns) {
      const [row] = await db.from(table).where(column, b.victim.id).count('* as total')
      counts[`${table}.${column}`] = Number(row.total)
    }
  return {
    users,
    memberships: await db
      .from('centre_memberships')
      .whereIn('user_id', ids)
      .orderBy(['user_id', 'centre_id'])
      .select('user_id', 'centre_id'),
    otherCentre: await db
      .from('centres')
      .where('id', b.other.id)
      .select('code', 'name', 'status', 'kind', 'online_visibility'),
    counts,
  }
}

/** No column of the row holds a poison value. */
async function assertUnpoisoned(assert: Assert, row: Row, label: string) {
  for (const [column, value] of Object.entries(row)) {
    if (value === null || value === undefined) continue
    const text = value instanceof Date ? value.toISOString() : String(value)
    assert.notInclude(text, POISON_DAY, `${label}: ${column} took a poisoned date`)
    assert.notEqual(text, 'poisoned', `${label}: ${column} took the poisoned status`)
    assert.notEqual(text, POISON_PASSWORD, `${label}: ${column} took the poisoned password`)
    if (column !== 'id' && !column.endsWith('_id') && !column.endsWith('_by'))
      assert.notInclude(POISON_NUMBERS, Number(value), `${label}: ${column} took a poisoned number`)
  }
  if (typeof row.password === 'string' && row.password.startsWith('$'))
    assert.isFalse(
      await hash.verify(row.password, POISON_PASSWORD),
      `${label}: the poisoned password was set`
    )
}

const label = (c: MassCase) => `${c.route}${c.title ? ` (${c.title})` : ''} as ${c.as}`

test.group('Mass assignment · poisoned forms', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('{label}')
    .with(CASES.map((c) => ({ label: label(c), case: c })))
    .run(async ({ client, assert }, { label: name, case: c }) => {
      const b = await makeBase()
      const s = c.setup ? await c.setup(b, client) : undefined

      for (const answer of await perform(client, b, c, s, 0, (body) => body))
        assert.isNull(refusal(answer), `${name}: the plain form was refused`)
      const plain = await c.row(b, s, 0)
      assert.exists(plain, `${name}: the plain form wrote no record`)
      const plainRelated = await c.related?.(b, s, 0)

      const before = await surroundings(b, c)
      const extra = { ...poison(b), ...c.poison?.(b, s) }
      for (const answer of await perform(client, b, c, s, 1, (body) => poisoned(body, extra)))
        assert.isNull(refusal(answer), `${name}: the poisoned form was refused`)
      const written = await c.row(b, s, 1)
      assert.exists(written, `${name}: the poisoned form wrote no record`)

      assert.deepEqual(
        pick(written!, c.protect),
        pick(plain!, c.protect),
        `${name}: protected columns`
      )
      await assertUnpoisoned(assert, written!, name)
      if (c.related)
        assert.deepEqual(await c.related(b, s, 1), plainRelated, `${name}: related rows`)
      if (c.table) {
        const hijacked = await db.from(c.table).where('id', POISON_ID).first()
        assert.notExists(hijacked, `${name}: a row took the poisoned id`)
      }
      assert.deepEqual(await surroundings(b, c), before, `${name}: users or the other centre moved`)
    })

  test('{label}: naming another centre in the form is refused or ignored')
    .with(CASES.filter((c) => c.crossCentre).map((c) => ({ label: label(c), case: c })))
    .run(async ({ client, assert }, { label: name, case: c }) => {
      const b = await makeBase()
      const s = c.setup ? await c.setup(b, client) : undefined
      const before = await surroundings(b, c)
      const answers = await perform(client, b, c, s, 0, (body) =>
        'centre_id' in body ? { ...body, centre_id: b.other.id } : body
      )
      for (const answer of answers) assert.isBelow(answer.status(), 500, `${name}: failed`)
      assert.deepEqual(await surroundings(b, c), before, `${name}: the other centre got a record`)
    })

  test('every route that writes is a case, reads no body, or takes a file', ({ assert }) => {
    const writing = routerRoutes().filter((key) => !key.startsWith('GET '))
    const known = new Set(writing)
    const covered = new Set([
      ...CASES.flatMap((c) => [c.route, ...(c.steps ?? [])]),
      ...NO_BODY.keys(),
      ...FILE_BODY.keys(),
    ])
    for (const key of covered) assert.isTrue(known.has(key), `${key} is no writing route`)
    assert.deepEqual(
      writing.filter((key) => !covered.has(key)),
      [],
      'writing routes with no mass assignment case: add one'
    )
  })
})

/** A user's role, status, email, password and centres, as stored. */
async function account(id: number) {
  const user = await db.from('users').where('id', id).firstOrFail()
  const centres = await db.from('centre_memberships').where('user_id', id).orderBy('centre_id')
  return {
    role: user.role,
    status: user.status,
    email: user.email,
    password: user.password,
    centres: centres.map((row) => Number(row.centre_id)),
  }
}

test.group('Mass assignment · privilege escalation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a centre manager cannot make a user a network admin or an account manager, nor move it to another centre', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const manager = await makeUser('centre_manager', [centre])
    const staff = await makeUser('centre_staff', [centre])
    const before = await account(staff.id)
    const attempts = [
      { role: 'network_admin' },
      { role: 'account_manager' },
      { role: 'centre_staff', centre_ids: [other.id] },
      { 'role': 'centre_staff', 'user[role]': 'network_admin', 'centre_id': other.id },
    ]
    for (const attempt of attempts) {
      const response = await client
        .put(`/users/${staff.id}`)
        .loginAs(manager)
        .form({ first_name: 'Camille', last_name: 'Promue', email: staff.email, ...attempt })
        .withCsrfToken()
        .redirects(0)
      assert.equal(response.status(), 403, JSON.stringify(attempt))
    }
    const created = await client
      .post('/users')
      .loginAs(manager)
      .form({
        first_name: 'Nouvel',
        last_name: 'Admin',
        email: 'nouvel.admin@example.test',
        role: 'network_admin',
        centre_ids: [other.id],
      })
      .withCsrfToken()
      .redirects(0)
    assert.equal(created.status(), 403)
    assert.deepEqual(await account(staff.id), before)
    assert.equal((await account(manager.id)).role, 'centre_manager')
    assert.notExists(await db.from('users').where('email', 'nouvel.admin@example.test').first())
  })

  test('an account manager cannot give a network role, nor a centre outside its portfolio', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const accountManager = await makeUser('account_manager', [centre])
    const staff = await makeUser('centre_staff', [centre])
    const form = (extra: Record<string, unknown>) =>
      client
        .put(`/users/${staff.id}`)
        .loginAs(accountManager)
        .form({ first_name: 'Camille', last_name: 'Portefeuille', email: staff.email, ...extra })
        .withCsrfToken()
        .redirects(0)
    for (const role of ['network_admin', 'account_manager'])
      assert.equal((await form({ role, centre_ids: [centre.id] })).status(), 403, role)
    const moved = await form({ role: 'centre_manager', centre_ids: [centre.id, other.id] })
    assert.equal(moved.status(), 302)
    const after = await account(staff.id)
    assert.equal(after.role, 'centre_manager')
    assert.deepEqual(after.centres, [centre.id])
  })

  test('a learner’s profile changes its name and language, never its role, status, email, password or centre', async ({
    client,
    assert,
  }) => {
    const centre = await CentreFactory.create()
    const other = await CentreFactory.create()
    const learner = await makeUser('learner', [centre])
    const before = await account(learner.id)
    const response = await client
      .put('/profile')
      .loginAs(learner)
      .form({
        'first_name': 'Léa',
        'last_name': 'Renommée',
        'locale': 'en',
        'role': 'network_admin',
        'status': 'active',
        'email': 'autre.adresse@example.test',
        'password': 'another-password-1',
        'centre_id': other.id,
        'centre_ids': [other.id],
        'user[role]': 'network_admin',
        'user[email]': 'autre.adresse@example.test',
      })
      .withCsrfToken()
      .redirects(0)
    assert.equal(response.status(), 302)
    const row = await db.from('users').where('id', learner.id).firstOrFail()
    assert.deepEqual([row.first_name, row.last_name, row.locale], ['Léa', 'Renommée', 'en'])
    assert.deepEqual(await account(learner.id), before)
    assert.isTrue(await hash.verify(row.password, TEST_PASSWORD))
  })

  test('a learner cannot make another learner the owner of a situation', async ({
    client,
    assert,
  }) => {
    const b = await makeBase()
    const w = await school(b)
    const classmate = await makeUser('learner', [b.home], { lastName: 'Camarade' })
    await w.division.related('members').attach([classmate.id])
    const owners = {
      'user_id': classmate.id,
      'userId': classmate.id,
      'learner_id': classmate.id,
      'owner_id': classmate.id,
      'user[id]': classmate.id,
    }
    const post = (
      path: string,
      method: 'post' | 'put',
      fields: Record<string, unknown>,
      user = w.learner
    ) =>
      client[method](path)
        .loginAs(user)
        .fields(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])))
        .withCsrfToken()
        .redirects(0)
    const ofClassmate = () => db.from('professional_situations').where('user_id', classmate.id)

    const created = await post('/my/passport/situations', 'post', {
      ...situationForm(w, 'Ma situation'),
      ...owners,
    })
    assert.equal(created.status(), 302)
    const mine = await db
      .from('professional_situations')
      .where('title', 'Ma situation')
      .firstOrFail()
    assert.equal(mine.user_id, w.learner.id)
    assert.lengthOf(await ofClassmate(), 0)

    await post(`/my/passport/situations/${mine.id}`, 'put', {
      ...situationForm(w, 'Ma situation'),
      ...owners,
    })
    assert.equal(
      (await db.from('professional_situations').where('id', mine.id).first()).user_id,
      w.learner.id
    )
    assert.lengthOf(await ofClassmate(), 0)

    // The classmate's own situation cannot be taken over either.
    await post('/my/passport/situations', 'post', situationForm(w, 'Sa situation'), classmate)
    const theirs = await db
      .from('professional_situations')
      .where('title', 'Sa situation')
      .firstOrFail()
    assert.equal(theirs.user_id, classmate.id)
    const takeover = await post(`/my/passport/situations/${theirs.id}`, 'put', {
      ...situationForm(w, 'Volée'),
      user_id: w.learner.id,
    })
    assert.equal(takeover.status(), 404)
    const still = await db.from('professional_situations').where('id', theirs.id).first()
    assert.deepEqual([still.user_id, still.title], [classmate.id, 'Sa situation'])
  })
})

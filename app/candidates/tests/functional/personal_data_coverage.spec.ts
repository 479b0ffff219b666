import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { personalDataCoverage } from '#candidates/services/personal_data'
import { type Reference, schemaReferences, schemaTables } from '#tests/helpers/schema'

/**
 * Tables that reference a candidate or its learner account (directly or
 * through another such table) and hold nothing personal: each with the reason.
 * Listing a table here stops the walk: the tables that reference it are not
 * reached through it.
 */
const NOT_PERSONAL: Record<string, string> = {
  account_requests: 'requests for staff accounts, made and decided by staff, never a learner’s',
  api_tokens: 'the exam platform’s API tokens, created by network admins',
  background_jobs:
    'staff batch jobs on a session or a batch of files: ids, counts and the result’s key',
  centre_memberships: 'ids only: the centres an account belongs to',
  competence_filters: 'a teacher’s saved dashboard filters: a name and competence ids',
  competence_locks: 'ids only: a competence a teacher locked for a learner',
  conversation_reads: 'ids only: read markers (learners have no messaging)',
  credit_movements: 'the credit stock’s ledger: ids, kinds and quantities',
  credit_orders: 'a centre’s credit orders, placed, paid and delivered by staff',
  division_members: 'ids only: class membership',
  evaluations: 'written by teachers; a learner’s part is in evaluation_learners and _grades',
  exam_sessions: 'the session itself, reached through its anomalies thread',
  framework_versions: 'competency frameworks, imported by network admins',
  learner_group_members: 'ids only: group membership',
  purchase_orders: 'a session’s purchase order, signed by its centre manager',
  scenarios: 'teachers’ exam scenarios',
  session_documents: 'a session’s documents (oral subjects and others), uploaded by staff',
}

/**
 * Every table holding a candidate's data, read from the live schema: the
 * candidates table and the learner account (candidates.user_id), then every
 * table referencing one of those (a foreign key, a `<row>_id` column without
 * one, a polymorphic `x_type` + `x_id` pair), and so on. Each with its reasons.
 */
function personalTables(references: Reference[]) {
  const reached = new Map<string, string[]>([
    ['candidates', ['the candidate file']],
    ['users', ['candidates.user_id, the learner account']],
  ])
  const queue = [...reached.keys()]
  while (queue.length) {
    const table = queue.shift()!
    if (table in NOT_PERSONAL) continue
    for (const ref of references) {
      if (ref.target !== table && ref.target !== '*') continue
      const why =
        ref.target === '*'
          ? `${ref.table}.${ref.column} (polymorphic)`
          : `${ref.table}.${ref.column} → ${table}${ref.constrained ? '' : ' (no foreign key)'}`
      const known = reached.get(ref.table)
      if (known) {
        if (!known.includes(why)) known.push(why)
        continue
      }
      reached.set(ref.table, [why])
      queue.push(ref.table)
    }
  }
  return reached
}

/** What is wrong with the coverage, one line per table (none: all is well). */
async function coverageProblems() {
  const tables = await schemaTables()
  const reached = personalTables(await schemaReferences(tables))
  const owners = new Map<string, string[]>()
  for (const { name, tables: declared } of personalDataCoverage())
    for (const table of declared) owners.set(table, [...(owners.get(table) ?? []), name])

  const problems: string[] = []
  for (const [table, why] of reached) {
    const owner = owners.get(table) ?? []
    if (owner.length === 0 && !(table in NOT_PERSONAL))
      problems.push(
        `${table} (${why.join(', ')}): declare it in a personal data contributor's tables, or in NOT_PERSONAL with a reason`
      )
    if (owner.length > 0 && table in NOT_PERSONAL)
      problems.push(`${table}: both declared by ${owner.join(', ')} and in NOT_PERSONAL`)
  }
  for (const [table, owner] of owners)
    if (owner.length > 1) problems.push(`${table}: declared by ${owner.join(' and ')}`)
  // The lists cannot rot: every table they name exists, and NOT_PERSONAL holds only reached ones.
  for (const [table, owner] of owners)
    if (!tables.includes(table))
      problems.push(`${table}: declared by ${owner.join(', ')} but not in the schema`)
  for (const table of Object.keys(NOT_PERSONAL))
    if (!tables.includes(table)) problems.push(`${table}: in NOT_PERSONAL but not in the schema`)
    else if (!reached.has(table))
      problems.push(`${table}: in NOT_PERSONAL but no longer references a candidate's data`)
  return problems
}

test.group('Candidates · personal data coverage (GDPR)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every table referencing a candidate or its learner account is exported and erased by exactly one contributor, or known to hold nothing personal', async ({
    assert,
  }) => {
    assert.deepEqual(await coverageProblems(), [])
    assert.sameMembers(
      personalDataCoverage().map((c) => c.name),
      ['candidates', 'sessions', 'passports', 'training', 'orders']
    )
  })

  test('a new table about a candidate, or about its learner without a foreign key, fails the check by name', async ({
    assert,
  }) => {
    await db.rawQuery(
      'create table probe_notes (id integer primary key, candidate_id integer references candidates (id), body text)'
    )
    await db.rawQuery('create table probe_replies (id integer primary key, probe_note_id integer)')
    await db.rawQuery('create table probe_drafts (id integer primary key, user_id integer)')
    const problems = await coverageProblems()
    assert.lengthOf(problems, 3, problems.join('\n'))
    for (const expected of [
      'probe_notes (probe_notes.candidate_id → candidates): declare it',
      'probe_drafts (probe_drafts.user_id → users (no foreign key)): declare it',
      'probe_replies (probe_replies.probe_note_id → probe_notes (no foreign key)): declare it',
    ])
      assert.isTrue(
        problems.some((problem) => problem.startsWith(expected)),
        `${expected}… in ${problems.join('\n')}`
      )
  })
})

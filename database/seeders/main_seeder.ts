import { BaseSeeder } from '@adonisjs/lucid/seeders'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Centre, Division, Group } from '#centres'
import { Candidate, recordCandidateExam } from '#candidates'
import ExamSession from '#sessions/models/exam_session'
import Product from '#sessions/models/product'
import Registration from '#sessions/models/registration'
import RegistrationTest from '#sessions/models/registration_test'
import SessionTest from '#sessions/models/session_test'
import { registrationDeadline } from '#sessions/services/deadline'
import { nextSessionNumber } from '#sessions/services/sessions'
import { accessCode } from '#shared/codes'
import { issueAttestation, maxScore, LEVELS } from '#sessions/services/results'
import RegistrationResult from '#sessions/models/registration_result'
import RegistrationRequest from '#sessions/models/registration_request'
import { startConversation } from '#messaging'
import { applyFrameworkImport } from '#evaluations/services/framework_import'
import { DEMO_FRAMEWORKS } from '#database/demo_frameworks'
import { seedOralGrids } from '#database/demo_oral'
import { seedClassroom } from '#database/demo_evaluations'
import { seedProPassport } from '#database/demo_passports'
import { seedOrders } from '#database/demo_orders'
import { User } from '#accounts'
import type { Role } from '#shared/roles'
import {
  DEMO_CANDIDATES,
  DEMO_CENTRES,
  DEMO_CLASSES,
  DEMO_GROUPS,
  DEMO_PASSWORD,
  DEMO_USERS,
} from '#database/demo'

/** Seeds the demo network once: a second run finds it and does nothing. */
export default class MainSeeder extends BaseSeeder {
  async run() {
    if (await User.query().where('email', DEMO_USERS[0].email).first()) return

    const network = await db.transaction(async (trx) => {
      const centres = new Map<string, number>()
      for (const data of DEMO_CENTRES) {
        const centre = await Centre.create(
          { ...data, status: 'active', contactEmail: `contact@${data.code.toLowerCase()}.test` },
          { client: trx }
        )
        centres.set(centre.code, centre.id)
      }
      const users = new Map<string, User>()
      for (const data of DEMO_USERS) {
        const user = await User.create(
          {
            email: data.email,
            firstName: data.firstName,
            lastName: data.lastName,
            role: data.role as Role,
            status: 'active',
            locale: 'fr',
            password: DEMO_PASSWORD,
          },
          { client: trx }
        )
        await user.syncCentres(
          data.centres.map((code) => centres.get(code)!),
          trx
        )
        users.set(data.email, user)
      }
      // The training centre's classes, with the demo teacher and learner.
      const divisions: Division[] = []
      for (const name of DEMO_CLASSES) {
        const division = await Division.create(
          { centreId: centres.get('FR-NAN-01')!, name },
          { client: trx }
        )
        divisions.push(division)
        if (name === DEMO_CLASSES[0]) {
          await division
            .related('members')
            .attach(
              ['enseignant@nantes.test', 'apprenant@nantes.test'].map(
                (email) => users.get(email)!.id
              )
            )
        }
      }
      // Two competency frameworks, the BTS one used by the Nantes training centre.
      const admin = users.get('admin@passerelle.test')!
      for (const framework of DEMO_FRAMEWORKS) {
        const distinct = (key: 'poleCode' | 'classCode' | 'situationCode' | 'competenceCode') =>
          new Set(framework.rows.map((row) => row[key])).size
        const { version } = await applyFrameworkImport(
          admin,
          { code: framework.code, name: framework.name, sourceName: 'démo' },
          {
            rows: framework.rows,
            errors: [],
            counts: {
              poles: distinct('poleCode'),
              classes: distinct('classCode'),
              situations: distinct('situationCode'),
              competences: distinct('competenceCode'),
            },
          },
          trx
        )
        if (framework.code === 'BTS-COM') {
          await trx.table('centre_frameworks').insert({
            centre_id: centres.get('FR-NAN-01')!,
            framework_id: version.frameworkId,
            version_id: version.id,
            assigned_at: DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss'),
          })
          // The class, its groups, a scenario and an evaluation visible to its learners.
          await seedClassroom(trx, {
            centreId: centres.get('FR-NAN-01')!,
            division: divisions[0],
            teacher: users.get('enseignant@nantes.test')!,
            learner: users.get('apprenant@nantes.test')!,
            versionId: version.id,
            password: DEMO_PASSWORD,
          })
          // The demo learner's professional passport: two situations, one evaluated, one lock.
          await seedProPassport(trx, {
            centreId: centres.get('FR-NAN-01')!,
            versionId: version.id,
            learnerId: users.get('apprenant@nantes.test')!.id,
            teacherId: users.get('enseignant@nantes.test')!.id,
          })
        }
      }
      // Candidates of the Paris centre, in groups, with exams in several states.
      const paris = centres.get('FR-PAR-01')!
      const groups = new Map<string, number>()
      for (const data of DEMO_GROUPS) {
        const group = await Group.create(
          { centreId: paris, name: data.name, category: data.category, hidden: 'hidden' in data },
          { client: trx }
        )
        groups.set(group.name, group.id)
      }
      // Sessions of the Paris centre: two past ones, one open, one planned;
      // the demo candidates' exams are real registrations to them.
      const catalogue = await Product.query({ client: trx }).preload('tests')
      const products = new Map(catalogue.map((p) => [p.code, p]))
      await seedOralGrids(trx, catalogue)
      const sessions = new Map<string, ExamSession>()
      const zone = 'Europe/Paris'
      const sessionOf = async (
        code: string,
        date: string | null,
        status?: 'planned' | 'registrations_closed'
      ) => {
        const key = `${code}|${date}|${status ?? ''}`
        if (sessions.has(key)) return sessions.get(key)!
        const product = products.get(code)!
        // A session held today (the exam passport's "sessions en cours") began an hour ago.
        const startsAt = date
          ? DateTime.fromISO(`${date}T09:00`, { zone }).toUTC()
          : status === 'registrations_closed'
            ? DateTime.utc().minus({ hours: 1 }).startOf('minute')
            : DateTime.now()
                .setZone(zone)
                .plus({ days: status ? 60 : 30 })
                .set({ hour: 9, minute: 0, second: 0, millisecond: 0 })
                .toUTC()
        const session = await ExamSession.create(
          {
            number: await nextSessionNumber(trx),
            centreId: paris,
            productId: product.id,
            startsAt,
            registrationDeadline: registrationDeadline(startsAt, zone),
            place: 'CCI Paris — 8 avenue de la Porte de Champerret',
            seats: 20,
            visibility: 'with_sessions',
            status: status ?? (date ? 'results_published' : 'registrations_open'),
            priceHt: product.modular ? null : 18000,
            vatRate: 2000,
          },
          { client: trx }
        )
        await SessionTest.createMany(
          product.tests.map((test) => ({
            sessionId: session.id,
            testCode: test.code,
            priceHt: product.modular ? 5000 : null,
          })),
          { client: trx }
        )
        sessions.set(key, session)
        return session
      }
      await sessionOf('TEFIRN', null, 'planned')
      const seeded: {
        registration: Registration
        exam: NonNullable<(typeof DEMO_CANDIDATES)[number]['exam']>
        session: ExamSession
        candidate: Candidate
      }[] = []
      for (const { groups: names, exam, birthDate, ...data } of DEMO_CANDIDATES) {
        const candidate = await Candidate.create(
          {
            ...data,
            centreId: paris,
            birthDate: DateTime.fromISO(birthDate, { zone: 'utc' }),
            examStatus: 'to_assign',
            lastActivityAt: DateTime.utc(),
          },
          { client: trx }
        )
        await candidate.related('groups').attach(
          names.map((name) => groups.get(name)!),
          trx
        )
        if (!exam) continue
        const session = await sessionOf(
          exam.product,
          exam.date,
          'today' in exam ? 'registrations_closed' : undefined
        )
        const taken = await trx
          .from('registrations')
          .where('session_id', session.id)
          .count('* as n')
          .first()
        const registration = await Registration.create(
          {
            sessionId: session.id,
            candidateId: candidate.id,
            number: Number(taken?.n ?? 0) + 1,
            channel: 'on_site',
            accessCode: accessCode(),
            status: 'registered',
          },
          { client: trx }
        )
        const product = products.get(exam.product)!
        await RegistrationTest.createMany(
          product.tests.map((test) => ({
            registrationId: registration.id,
            testCode: test.code,
            absent: false,
          })),
          { client: trx }
        )
        seeded.push({ registration, exam, session, candidate })
        const local = session.startsAt.setZone(zone)
        await recordCandidateExam(
          {
            candidateId: candidate.id,
            source: 'registration',
            sourceId: registration.id,
            examType: product.name,
            status: exam.status,
            validation: exam.validation,
            score: exam.score,
            examDate: DateTime.utc(local.year, local.month, local.day),
          },
          trx
        )
      }
      // Past sessions have their results and attestations; a fraud under review
      // withholds one candidate's; an accommodation request waits on the open session.
      const manager = users.get('responsable@paris.test')!
      for (const { registration, exam, session, candidate } of seeded) {
        if (exam.status === 'passed' && exam.score) {
          const product = products.get(exam.product)!
          await RegistrationResult.createMany(
            demoResults(
              product.tests.map((t) => t.code),
              exam.score
            ).map((result) => ({
              ...result,
              registrationId: registration.id,
              source: 'manual' as const,
            })),
            { client: trx }
          )
          session.useTransaction(trx)
          session.resultsPublishedAt = session.startsAt.plus({ days: 21 })
          await session.save()
          if (exam.validation === 'pending') {
            const request = await RegistrationRequest.create(
              {
                kind: 'fraud',
                centreId: paris,
                sessionId: session.id,
                registrationId: registration.id,
                candidateId: candidate.id,
                status: 'in_review',
                category: 'identity',
                description:
                  "La photo de la pièce d'identité ne correspond pas au candidat présent.",
                requestedBy: manager.id,
                reviewedAt: DateTime.utc(),
              },
              { client: trx }
            )
            const { conversation } = await startConversation({
              centreId: paris,
              type: 'registration_request',
              title: `Fraude / incident — ${session.number} — ${candidate.fullName}`,
              body: request.description,
              author: manager,
              subject: { type: 'registration_request', id: request.id },
              client: trx,
            })
            request.conversationId = conversation.id
            await request.useTransaction(trx).save()
          } else {
            await issueAttestation(registration.id, trx)
          }
        } else if (exam.status === 'planned') {
          const request = await RegistrationRequest.create(
            {
              kind: 'accommodation',
              centreId: paris,
              sessionId: session.id,
              registrationId: registration.id,
              candidateId: candidate.id,
              status: 'submitted',
              category: 'extra_time',
              description:
                'Candidat dyslexique : tiers-temps demandé, certificat médical à suivre.',
              requestedBy: manager.id,
            },
            { client: trx }
          )
          const { conversation } = await startConversation({
            centreId: paris,
            type: 'registration_request',
            title: `Demande d'aménagement — ${session.number} — ${candidate.fullName}`,
            body: request.description,
            author: manager,
            subject: { type: 'registration_request', id: request.id },
            client: trx,
          })
          request.conversationId = conversation.id
          await request.useTransaction(trx).save()
        }
      }
      // The Paris centre's tariffs, proposed again at its next session.
      const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
      const canada = products.get('TEFCAN')!
      await trx.table('tariffs').multiInsert([
        ...canada.tests.map((test) => ({
          centre_id: paris,
          product_id: canada.id,
          test_code: test.code,
          price_ht: 5000,
          vat_rate: 2000,
          updated_at: now,
        })),
        {
          centre_id: paris,
          product_id: products.get('TEFIRN')!.id,
          test_code: '',
          price_ht: 18000,
          vat_rate: 2000,
          updated_at: now,
        },
      ])
      return { centres, users }
    })
    // Orders go through the orders services, which open their own transactions:
    // they run once the network above is committed.
    await seedOrders({
      paris: network.centres.get('FR-PAR-01')!,
      lyon: network.centres.get('FR-LYO-01')!,
      admin: network.users.get('admin@passerelle.test')!,
      accountManager: network.users.get('claire.martin@passerelle.test')!,
      manager: network.users.get('responsable@paris.test')!,
    })
  }
}

/**
 * A plausible split of a total score over a product's tests (in proportion to
 * each test's maximum), with the CEFR level of each share.
 */
function demoResults(tests: string[], total: number) {
  const max = tests.reduce((sum, code) => sum + maxScore(code), 0)
  let left = total
  return tests.map((code, index) => {
    const score =
      index === tests.length - 1
        ? Math.min(left, maxScore(code))
        : Math.round((total * maxScore(code)) / max)
    left -= score
    const share = score / maxScore(code)
    const level = LEVELS[Math.min(LEVELS.length - 1, Math.max(1, Math.floor(share * 7)))]
    return { testCode: code, score, level }
  })
}

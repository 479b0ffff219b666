import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'

const NOW = () => DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')

/**
 * The demo learner's professional passport (apprenant@nantes.test): an E6
 * situation evaluated by the teacher, an E4 one waiting for evaluation, and
 * C11.1 locked, so the dashboard, the teacher's pages and the printable
 * passport have something to show.
 */
export async function seedProPassport(
  trx: TransactionClientContract,
  input: { centreId: number; versionId: number; learnerId: number; teacherId: number }
) {
  const id = async (table: 'situations' | 'competences', code: string) => {
    const row = await trx
      .from(table)
      .where('version_id', input.versionId)
      .where('code', code)
      .firstOrFail()
    return Number(row.id)
  }
  const rows = [
    {
      situation: 'S111',
      competence: 'C11.1',
      title: 'Brief Grassin',
      description:
        "Stagiaire à l'agence CJCOM, j'assiste au brief de la société Grassin, qui prépare son 100e anniversaire.",
      tasks: 'Faire la synthèse du brief oral et de la documentation fournie',
      objectives: "Comprendre exactement les attentes de l'annonceur",
      qualitative: 'Synthèse validée par le maître de stage',
      supports: [['Compte rendu du brief', 'created', 'digital']],
      result: 'total',
      complexities: ['Budget contraint'],
    },
    {
      situation: 'S211',
      competence: 'C21.1',
      title: 'Outils de prospection PRECOM',
      description:
        'Chargée par la régie PRECOM de vendre les pages « Nouvel an » du quotidien, je prépare les outils de prospection.',
      tasks: 'Identifier les prospects, créer un argumentaire téléphonique',
      objectives: "Optimiser l'efficacité de la prospection",
      qualitative: null,
      supports: [
        ['Fichier de prospects', 'created', 'digital'],
        ['Tarifs de la régie', 'available', 'printed'],
      ],
      result: null,
      complexities: [],
    },
  ]
  for (const [index, row] of rows.entries()) {
    const [created] = await trx
      .table('professional_situations')
      .insert({
        user_id: input.learnerId,
        centre_id: input.centreId,
        situation_id: await id('situations', row.situation),
        competence_id: await id('competences', row.competence),
        title: row.title,
        project: false,
        description: row.description,
        partners: index === 0 ? 'Agence CJCOM' : 'Régie PRECOM',
        location: 'organisation',
        starts_on: DateTime.utc()
          .minus({ days: 40 - index * 20 })
          .toISODate(),
        ends_on: DateTime.utc()
          .minus({ days: 35 - index * 20 })
          .toISODate(),
        source: 'internship',
        kind: 'lived',
        tasks: row.tasks,
        objectives: row.objectives,
        actors: JSON.stringify([{ name: 'M. Durand', role: 'Maître de stage' }]),
        qualitative_results: row.qualitative,
        competence_description: null,
        complexities: JSON.stringify(row.complexities),
        hazards: '[]',
        result: row.result,
        appreciation: row.result ? 'Synthèse complète et claire.' : null,
        evaluated_by: row.result ? input.teacherId : null,
        evaluated_at: row.result ? NOW() : null,
        created_at: NOW(),
        updated_at: NOW(),
      })
      .returning('id')
    const situationId = Number(typeof created === 'object' ? created.id : created)
    await trx.table('situation_supports').multiInsert(
      row.supports.map(([designation, origin, nature], position) => ({
        professional_situation_id: situationId,
        designation,
        origin,
        nature,
        position: position + 1,
      }))
    )
  }
  await trx.table('competence_locks').insert({
    user_id: input.learnerId,
    competence_id: await id('competences', 'C11.1'),
    locked_by: input.teacherId,
    created_at: NOW(),
  })
}

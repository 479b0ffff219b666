import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'

const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2']
const DFP = ['Insuffisant', 'Partiel', 'Satisfaisant', 'Très satisfaisant']

/** TEF-like criteria per EO section and DFP-like ones for the IO activity. */
const CRITERIA: Record<string, { label: string; levels: string[] }[]> = {
  'EO-A': [
    { label: 'Obtenir des informations (pertinence des questions)', levels: CEFR },
    { label: 'Interaction et réaction aux réponses', levels: CEFR },
    { label: 'Lexique', levels: CEFR },
    { label: 'Morphosyntaxe', levels: CEFR },
    { label: 'Phonologie et aisance', levels: CEFR },
  ],
  'EO-B': [
    { label: 'Argumenter pour convaincre', levels: CEFR },
    { label: 'Cohérence et cohésion du discours', levels: CEFR },
    { label: 'Lexique', levels: CEFR },
    { label: 'Morphosyntaxe', levels: CEFR },
    { label: 'Phonologie et aisance', levels: CEFR },
  ],
  'IO': [
    { label: 'Réalisation de la tâche', levels: DFP },
    { label: 'Interaction', levels: DFP },
    { label: 'Lexique professionnel', levels: DFP },
    { label: 'Morphosyntaxe', levels: DFP },
    { label: 'Phonologie', levels: DFP },
  ],
}

const SUBJECTS: Record<string, { code: string; title: string; instructions: string }[]> = {
  'EO-A': [
    {
      code: 'A01',
      title: 'Annonce : appartement à louer',
      instructions:
        "Vous avez lu cette annonce et vous téléphonez pour obtenir plus d'informations. Posez une dizaine de questions.",
    },
    {
      code: 'A02',
      title: 'Annonce : cours de cuisine du monde',
      instructions:
        "Vous appelez l'école pour vous renseigner sur les cours, les horaires et les prix.",
    },
  ],
  'EO-B': [
    {
      code: 'B01',
      title: 'Faut-il réserver le centre-ville aux piétons ?',
      instructions:
        'Vous présentez ce projet à un ami qui y est opposé et vous essayez de le convaincre.',
    },
    {
      code: 'B02',
      title: 'Le télétravail pour tous ?',
      instructions: "Vous défendez l'idée auprès d'un collègue sceptique.",
    },
  ],
  'IO': [
    {
      code: 'IO1',
      title: 'Accueillir un client au salon professionnel',
      instructions: 'Vous présentez votre entreprise et répondez aux questions du client.',
    },
  ],
}

/**
 * Grids and subject banks for every product with an oral test (demo data;
 * network admins edit them in Produits › Grilles et sujets).
 */
export async function seedOralGrids(
  trx: TransactionClientContract,
  products: { id: number; tests: { code: string; sections: string[] | null }[] }[]
) {
  const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
  for (const product of products) {
    for (const test of product.tests.filter((t) => t.code === 'EO' || t.code === 'IO')) {
      const parts = test.sections?.length
        ? test.sections.map((s) => `${test.code}-${s}`)
        : [test.code]
      for (const part of parts) {
        const criteria = CRITERIA[part] ?? []
        if (criteria.length)
          await trx.table('grid_criteria').multiInsert(
            criteria.map((criterion, index) => ({
              product_id: product.id,
              part,
              label: criterion.label,
              levels: JSON.stringify(criterion.levels),
              position: index + 1,
              active: true,
              created_at: now,
              updated_at: now,
            }))
          )
        const subjects = SUBJECTS[part] ?? []
        if (subjects.length)
          await trx.table('exam_subjects').multiInsert(
            subjects.map((subject) => ({
              product_id: product.id,
              part,
              code: subject.code,
              title: subject.title,
              instructions: subject.instructions,
              active: true,
              created_at: now,
              updated_at: now,
            }))
          )
      }
    }
  }
}

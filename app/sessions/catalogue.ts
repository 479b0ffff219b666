/**
 * The real catalogue of the network's products (SPEC §2 sessions, seed 001
 * part 3): the TEF family (modular except TEF IRN, sold at a single price)
 * and the DFP Affaires diplomas. The oral test of the TEF (EO) has two
 * sections, A and B (seed 000). Written by a migration: it is reference data,
 * present in every database, not demo data.
 */
export interface CatalogueTest {
  code: string
  name: string
  sections?: string[]
}

export interface CatalogueProduct {
  number: number
  range: 'TEF' | 'DFP'
  code: string
  name: string
  description: string
  modular: boolean
  status: 'active' | 'inactive'
  validFrom: string
  tests: CatalogueTest[]
}

const CE = { code: 'CE', name: 'Compréhension écrite' }
const CO = { code: 'CO', name: 'Compréhension orale' }
const EE = { code: 'EE', name: 'Expression écrite' }
const EO = { code: 'EO', name: 'Expression orale', sections: ['A', 'B'] }
const LS = { code: 'LS', name: 'Lexique et structure' }
const CTI = { code: 'CTI', name: "Compréhension et transmission d'informations" }
const IO = { code: 'IO', name: 'Interaction orale' }

const dfp = (number: number, level: string, code: string): CatalogueProduct => ({
  number,
  range: 'DFP',
  code,
  name: `DFP Affaires ${level}`,
  description: `Diplôme de français professionnel Affaires, niveau ${level} du CECRL.`,
  modular: false,
  status: 'active',
  validFrom: '2023-01-01',
  tests: [CTI, IO],
})

export const CATALOGUE: CatalogueProduct[] = [
  {
    number: 28,
    range: 'TEF',
    code: 'TEF',
    name: 'TEF',
    description: "Test d'évaluation de français, cinq épreuves, pour les études et l'emploi.",
    modular: true,
    status: 'active',
    validFrom: '2022-12-14',
    tests: [CE, CO, EE, EO, LS],
  },
  {
    number: 29,
    range: 'TEF',
    code: 'TEFCAN',
    name: 'TEF Canada',
    description:
      "Test d'évaluation de français modulaire 4 épreuves pour l'immigration au Canada, l'accès à la citoyenneté canadienne, les forces canadiennes.",
    modular: true,
    status: 'active',
    validFrom: '2022-12-14',
    tests: [CE, CO, EE, EO],
  },
  {
    number: 30,
    range: 'TEF',
    code: 'TEFIRN',
    name: 'TEF Intégration Résidence Nationalité',
    description:
      "Test d'évaluation de français pour la carte de résident et la nationalité française (4 épreuves, tarif unique).",
    modular: false,
    status: 'active',
    validFrom: '2022-12-14',
    tests: [CE, CO, EE, EO],
  },
  {
    number: 32,
    range: 'TEF',
    code: 'TEFAQ',
    name: 'TEF Québec',
    description:
      "Test d'évaluation de français adapté au Québec, modulaire, pour l'immigration au Québec.",
    modular: true,
    status: 'active',
    validFrom: '2022-12-14',
    tests: [CE, CO, EE, EO],
  },
  dfp(31, 'A1', 'DFPA1'),
  dfp(33, 'A2', 'DFPA2'),
  dfp(34, 'B1', 'DFPB1'),
  dfp(35, 'B2', 'DFPB2'),
  dfp(36, 'C1', 'DFPC1'),
]

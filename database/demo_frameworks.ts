import type { FrameworkRow } from '#evaluations/services/framework_import'

type Row = [
  pole: string,
  cls: string,
  situation: string,
  competence: string,
  unit: 'E4' | 'E5' | 'E6',
  complexities?: string[],
  hazards?: string[],
]

const POLES: Record<string, string> = {
  P1: 'Conseil et relation annonceur',
  P2: 'Relations commerciales',
  P3: 'Veille opérationnelle',
}
const CLASSES: Record<string, string> = {
  S11: 'Gestion de la relation annonceur',
  S13: 'Conception et mise en œuvre de solutions de communication',
  S21: 'Préparation de la relation commerciale',
  S22: 'Négociation et suivi de la relation commerciale',
  S32: 'Études et veille',
}
const SITUATIONS: Record<string, string> = {
  S111: "Prise en charge du dossier de l'annonceur",
  S112: "Analyse de la demande de l'annonceur",
  S131: 'Élaboration de messages',
  S132: 'Choix et suivi des supports de communication',
  S211: "Réalisation d'outils commerciaux",
  S221: "Négociation d'un espace ou d'une prestation",
  S222: 'Suivi de la clientèle',
  S321: "Mise en place d'une veille",
  S322: "Réalisation d'une étude ponctuelle",
}
const COMPETENCES: Record<string, string> = {
  'C11.1': "Prendre en charge le dossier de l'annonceur",
  'C11.2': "Analyser la demande et le contexte de l'annonceur",
  'C13.1': 'Concevoir et rédiger des messages adaptés aux cibles',
  'C13.2': 'Choisir et suivre les supports de communication',
  'C21.1': "Élaborer des outils d'aide à la vente",
  'C22.1': 'Conduire une négociation commerciale',
  'C22.2': 'Suivre et fidéliser la clientèle',
  'C32.1': 'Organiser une veille informationnelle',
  'C32.2': 'Conduire une étude ponctuelle',
}

const BTS: Row[] = [
  [
    'P1',
    'S11',
    'S111',
    'C11.1',
    'E6',
    ['Annonceur multi-sites', 'Budget contraint'],
    ['Brief incomplet'],
  ],
  ['P1', 'S11', 'S112', 'C11.2', 'E6', ['Concurrence forte'], ['Changement d’interlocuteur']],
  [
    'P1',
    'S11',
    'S112',
    'C11.1',
    'E6',
    ['Annonceur multi-sites', 'Budget contraint'],
    ['Brief incomplet'],
  ],
  [
    'P1',
    'S13',
    'S131',
    'C13.1',
    'E6',
    ['Plusieurs cibles', 'Message multimédia'],
    ['Délai raccourci'],
  ],
  ['P1', 'S13', 'S132', 'C13.2', 'E6', ['Plan média national'], ['Support indisponible']],
  ['P2', 'S21', 'S211', 'C21.1', 'E4', ['Offre complexe'], ['Outil à refaire en urgence']],
  [
    'P2',
    'S22',
    'S221',
    'C22.1',
    'E4',
    ['Client grand compte', 'Négociation en anglais'],
    ['Objection imprévue'],
  ],
  [
    'P2',
    'S22',
    'S222',
    'C22.2',
    'E4',
    ['Portefeuille de plus de 20 clients'],
    ['Réclamation client'],
  ],
  ['P3', 'S32', 'S321', 'C32.1', 'E5', [], []],
  ['P3', 'S32', 'S322', 'C32.2', 'E5', [], []],
  ['P3', 'S32', 'S322', 'C11.2', 'E6', ['Concurrence forte'], ['Changement d’interlocuteur']],
]

/** BTS situations attached to the CQP's competences (the seed's BAC PRO / BEP MSA "attache"). */
const LINKS: Record<string, string[]> = {
  S211: ['CQP-VENTE:C21.1'],
  S221: ['CQP-VENTE:C22.1'],
}

function rows(table: Row[], links: Record<string, string[]> = {}): FrameworkRow[] {
  return table.map(([pole, cls, situation, competence, unit, complexities, hazards]) => ({
    poleCode: pole,
    pole: POLES[pole],
    classCode: cls,
    class: CLASSES[cls],
    situationCode: situation,
    situation: SITUATIONS[situation],
    competenceCode: competence,
    competence: COMPETENCES[competence],
    unit,
    elsewhere: unit === 'E5',
    complexities: complexities ?? [],
    hazards: hazards ?? [],
    links: links[situation] ?? [],
  }))
}

/** A BTS Communication-like framework (the situations of seed 003) and a small second one. */
export const DEMO_FRAMEWORKS = [
  { code: 'BTS-COM', name: 'BTS Communication', rows: rows(BTS, LINKS) },
  {
    code: 'CQP-VENTE',
    name: 'CQP Vendeur conseil',
    rows: rows([
      ['P2', 'S21', 'S211', 'C21.1', 'E4', ['Gamme technique'], ['Rupture de stock']],
      ['P2', 'S22', 'S221', 'C22.1', 'E4', [], ['Client pressé']],
    ]),
  },
]

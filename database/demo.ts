/**
 * The demo network seeded on first run: who logs in as what. Shared by the
 * seeder and the `setup` command that prints these logins.
 */
export const DEMO_PASSWORD = 'passerelle-demo'

export const DEMO_CENTRES = [
  {
    code: 'FR-PAR-01',
    name: 'CCI Paris Île-de-France Éducation',
    kind: 'both',
    city: 'Paris',
    postcode: '75008',
    country: 'FR',
    timeZone: 'Europe/Paris',
    onlineVisibility: 'with_sessions',
  },
  {
    code: 'FR-LYO-01',
    name: 'Alliance Lyon Langues',
    kind: 'exam',
    city: 'Lyon',
    postcode: '69002',
    country: 'FR',
    timeZone: 'Europe/Paris',
    onlineVisibility: 'with_sessions',
  },
  {
    code: 'FR-NAN-01',
    name: 'Lycée Jules-Verne – BTS Communication',
    kind: 'training',
    city: 'Nantes',
    postcode: '44000',
    country: 'FR',
    timeZone: 'Europe/Paris',
    onlineVisibility: 'hidden',
  },
  {
    code: 'CA-MTL-01',
    name: 'Centre de langues de Montréal',
    kind: 'exam',
    city: 'Montréal',
    postcode: 'H2X 1Y4',
    country: 'CA',
    timeZone: 'America/Toronto',
    onlineVisibility: 'with_sessions',
  },
  {
    code: 'CA-VAN-01',
    name: 'Francophonie Vancouver',
    kind: 'both',
    city: 'Vancouver',
    postcode: 'V6B 1A1',
    country: 'CA',
    timeZone: 'America/Vancouver',
    onlineVisibility: 'without_sessions',
  },
  {
    code: 'MA-CAS-01',
    name: 'Institut de français de Casablanca',
    kind: 'exam',
    city: 'Casablanca',
    postcode: '20000',
    country: 'MA',
    timeZone: 'Africa/Casablanca',
    onlineVisibility: 'with_sessions',
  },
] as const

type DemoUser = {
  email: string
  firstName: string
  lastName: string
  role: string
  centres: string[]
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'admin@passerelle.test',
    firstName: 'Nadia',
    lastName: 'Lemaire',
    role: 'network_admin',
    centres: [],
  },
  {
    email: 'claire.martin@passerelle.test',
    firstName: 'Claire',
    lastName: 'Martin',
    role: 'account_manager',
    centres: ['FR-PAR-01', 'FR-LYO-01', 'FR-NAN-01'],
  },
  {
    email: 'karim.benali@passerelle.test',
    firstName: 'Karim',
    lastName: 'Benali',
    role: 'account_manager',
    centres: ['CA-MTL-01', 'CA-VAN-01', 'MA-CAS-01'],
  },
  {
    email: 'responsable@paris.test',
    firstName: 'Sophie',
    lastName: 'Durand',
    role: 'centre_manager',
    centres: ['FR-PAR-01'],
  },
  {
    email: 'administratif@paris.test',
    firstName: 'Lucas',
    lastName: 'Moreau',
    role: 'centre_staff',
    centres: ['FR-PAR-01'],
  },
  {
    email: 'evaluateur@paris.test',
    firstName: 'Asmaa',
    lastName: 'Bouiri',
    role: 'evaluator',
    centres: ['FR-PAR-01'],
  },
  {
    email: 'responsable@montreal.test',
    firstName: 'Jean-François',
    lastName: 'Bernard',
    role: 'centre_manager',
    centres: ['CA-MTL-01'],
  },
  {
    email: 'responsable@casablanca.test',
    firstName: 'Youssef',
    lastName: 'El Amrani',
    role: 'centre_manager',
    centres: ['MA-CAS-01'],
  },
  {
    email: 'enseignant@nantes.test',
    firstName: 'Éloïse',
    lastName: "N'Diaye",
    role: 'teacher',
    centres: ['FR-NAN-01'],
  },
  {
    email: 'apprenant@nantes.test',
    firstName: 'Zoé',
    lastName: 'Lefèvre',
    role: 'learner',
    centres: ['FR-NAN-01'],
  },
]

/** Classes of the demo training centre (Nantes). */
export const DEMO_CLASSES = ['BTS COM 1', 'BTS COM 2']

/** Candidates of the Paris centre, with groups and exams in several states. */
export const DEMO_GROUPS = [
  { name: 'Session de septembre', category: 'exam_session' },
  { name: 'Client Renault', category: 'client' },
  { name: 'Archives 2023', category: 'other', hidden: true },
] as const

export const DEMO_CANDIDATES = [
  {
    civility: 'mme',
    lastName: 'Haddad',
    firstName: 'Amina',
    email: 'amina.haddad@example.test',
    birthDate: '1994-03-12',
    birthCountry: 'DZ',
    nationality: 'DZ',
    motherTongue: 'ar',
    status: 'employee',
    funding: 'cpf',
    groups: ['Session de septembre'],
    exam: {
      status: 'passed',
      validation: 'validated',
      score: 742,
      product: 'TEFCAN',
      date: '2026-09-18',
    },
  },
  {
    civility: 'm',
    lastName: 'Nguyen',
    firstName: 'Minh',
    email: 'minh.nguyen@example.test',
    birthDate: '1988-11-02',
    birthCountry: 'VN',
    nationality: 'VN',
    motherTongue: 'vi',
    status: 'job_seeker',
    funding: 'self',
    groups: ['Session de septembre', 'Client Renault'],
    exam: {
      status: 'planned',
      validation: null,
      score: null,
      product: 'TEFCAN',
      date: null,
    },
  },
  {
    civility: 'mme',
    lastName: 'Silva',
    firstName: 'Beatriz',
    email: 'beatriz.silva@example.test',
    birthDate: '2001-06-25',
    birthCountry: 'BR',
    nationality: 'BR',
    motherTongue: 'pt',
    status: 'student',
    funding: 'other',
    groups: ['Client Renault'],
    exam: null,
  },
  {
    civility: 'm',
    lastName: 'Diallo',
    firstName: 'Ousmane',
    email: 'ousmane.diallo@example.test',
    birthDate: '1979-01-30',
    birthCountry: 'SN',
    nationality: 'SN',
    motherTongue: 'wo',
    status: 'self_employed',
    funding: 'cpf',
    groups: ['Archives 2023'],
    exam: {
      status: 'passed',
      validation: 'pending',
      score: 515,
      product: 'TEFIRN',
      date: '2023-05-04',
    },
  },
  // Sitting today's oral at Paris: the exam passport's "sessions en cours" (evaluateur@paris.test).
  {
    civility: 'mme',
    lastName: 'Kowalska',
    firstName: 'Zofia',
    email: 'zofia.kowalska@example.test',
    birthDate: '1997-08-14',
    birthCountry: 'PL',
    nationality: 'PL',
    motherTongue: 'other',
    status: 'employee',
    funding: 'self',
    groups: ['Session de septembre'],
    exam: {
      status: 'planned',
      validation: null,
      score: null,
      product: 'TEFCAN',
      date: null,
      today: true,
    },
  },
  {
    civility: 'm',
    lastName: 'Mensah',
    firstName: 'Kwame',
    email: 'kwame.mensah@example.test',
    birthDate: '1990-02-03',
    birthCountry: 'CI',
    nationality: 'CI',
    motherTongue: 'en',
    status: 'job_seeker',
    funding: 'cpf',
    groups: ['Session de septembre'],
    exam: {
      status: 'planned',
      validation: null,
      score: null,
      product: 'TEFCAN',
      date: null,
      today: true,
    },
  },
] as const

import { test } from '@japa/runner'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import type { User } from '#accounts'
import { registerCandidates } from '#sessions/services/registrations'
import { CentreFactory, makeCandidate, makeSession, makeUser } from '#database/factories/index'
import { fixture, leftInTmp } from '#tests/helpers/files'
import { MAGIC_PREFIXES, NASTY_CELLS, fuzzRandom, type Random } from '#tests/helpers/fuzz'

/*
 * Every spreadsheet import, fed hostile and broken files through its real
 * route: random bytes, bytes behind a known magic number, every text
 * encoding, formulas, a header followed by garbage, 10 MB of commas,
 * 100,000 rows, workbooks whose data is not on the first sheet, damaged
 * zips. Whatever the file: no 500, a message the user can read (under the
 * file field, or the import's report), nothing written to any table, no
 * file kept (in Drive or left behind in the system's temporary folder), and
 * the server still answers. Random cases come from a printed seed
 * (FUZZ_SEED=<seed> replays them).
 */
const RANDOM_CASES = Number(process.env.FUZZ_CASES ?? 25)

const MESSAGES = {
  wrongType: 'Le fichier doit être un classeur xlsx ou un csv.',
  tooLarge: (mb: number) => `Le fichier dépasse ${mb} Mo.`,
  formula: 'Les formules ne sont pas acceptées',
  empty: 'Fichier vide : aucune ligne à importer sous les en-têtes',
  tooManyRows: 'Trop de lignes (5 000 au plus)',
  unreadable: 'Fichier illisible',
  missingColumn: 'Colonne manquante',
  tooManyColumns: 'Plus de 16 384 colonnes sur une ligne',
}

interface World {
  actor: User
  /** The page with the import form (a refused file comes back to it). */
  form: string
  action: string
  fields?: Record<string, string>
  header: string[]
  /** A row that looks right (the data of a valid file). */
  row: (index: number) => string[]
  /** A row that every import refuses, whatever else the file holds. */
  poison: string[]
}

interface ImportTarget {
  name: string
  maxMb: number
  /** Its row cap (5,000 unless told). */
  maxRows?: number
  /** The file name's extension when the import reads it from the name (JSON frameworks). */
  json?: boolean
  setup(client: ApiClient): Promise<World>
}

const FRAMEWORK_HEADER = [
  'Code pôle',
  'Pôle',
  'Code classe',
  'Classe de situations',
  'Code situation',
  'Situation professionnelle',
  'Code compétence',
  'Compétence',
  'Épreuve',
]

const frameworkRow = (i: number) => [
  `P${(i % 9) + 1}`,
  `Pôle ${(i % 9) + 1}`,
  `S${String((i % 90) + 10)}`,
  'Classe',
  `S${String(i % 1000).padStart(3, '0')}`,
  'Situation',
  `C${(i % 99) + 1}.${(i % 9) + 1}`,
  'Compétence évaluée',
  'E4',
]

/** Every import of the application: its route, its actor, its columns. */
const IMPORTS: ImportTarget[] = [
  {
    name: 'users (training centre)',
    maxMb: 5,
    async setup() {
      const centre = await CentreFactory.merge({ kind: 'training' }).create()
      const actor = await makeUser('centre_manager', [centre])
      const header = ['Type', 'Nom', 'Prénom', 'Email', 'Identifiant externe', 'Classes', 'Groupes']
      const row = (i: number) => [
        'Apprenant',
        `Lefèvre${i}`,
        'Zoé',
        `u${i}@example.test`,
        `E${i}`,
        'BTS 1',
        '',
      ]
      return {
        actor,
        form: '/imports/users',
        action: '/imports/users/preview',
        header,
        row,
        poison: ['=1+1', 'Durand', 'Éric', 'eric.durand@example.test', '', '', ''],
      }
    },
  },
  {
    name: 'registrations (session)',
    maxMb: 5,
    async setup() {
      const centre = await CentreFactory.create()
      const actor = await makeUser('centre_staff', [centre])
      const session = await makeSession(centre, { seats: 50 })
      await session.load('tests')
      const header = [
        'Nom',
        'Prénom',
        'Date de naissance',
        'Genre F (femme) H (homme) N (non binaire)',
        'Langue maternelle',
        'email',
        'Nationalité',
        'Motivation',
        "numéro Pièce d'identité",
        ...session.tests.map((t) => `${t.testCode} Inscription O (oui) N (non)`),
      ]
      const row = (i: number) => [
        `Lefèvre${i}`,
        'Zoé',
        '14/07/1990',
        'F',
        'ARA_arabe',
        `c${i}@example.test`,
        'DZ_Algérie',
        'CAN_Immigration au Canada',
        String(100000 + i),
        ...session.tests.map(() => 'O'),
      ]
      return {
        actor,
        form: `/sessions/${session.id}/import`,
        action: `/sessions/${session.id}/import/preview`,
        header,
        row,
        poison: ['=1+1', ...row(99999).slice(1)],
      }
    },
  },
  {
    name: 'session results',
    maxMb: 5,
    async setup(client) {
      const centre = await CentreFactory.create()
      const actor = await makeUser('account_manager', [centre])
      const session = await makeSession(centre)
      const candidate = await makeCandidate(centre, { lastName: 'Lefèvre', firstName: 'Zoé' })
      const [registration] = await registerCandidates(null, session.id, [
        { candidate, input: { tests: ['CE', 'CO'], channel: 'on_site' } },
      ])
      await session.merge({ status: 'in_correction' }).save()
      // The columns come from the session's own template.
      const template = await client.get(`/sessions/${session.id}/results/template`).loginAs(actor)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(template.body() as any)
      const header = (workbook.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String)
      const row = (i: number) =>
        header.map((name, c) =>
          c === 0
            ? String(i === 0 ? registration.number : i)
            : /score/.test(name)
              ? '100'
              : /niveau/.test(name)
                ? 'B1'
                : 'Lefèvre'
        )
      return {
        actor,
        form: `/sessions/${session.id}/results`,
        action: `/sessions/${session.id}/results/import`,
        header,
        row: (i) => row(i),
        poison: ['=1+1', ...row(0).slice(1)],
      }
    },
  },
  {
    name: 'credit results (network)',
    // Results from the exam platform: up to 100,000 rows, 20 MB.
    maxMb: 20,
    maxRows: 100_000,
    async setup() {
      const actor = await makeUser('network_admin')
      return {
        actor,
        form: '/credit-results',
        action: '/credit-results/import',
        header: [
          'Identifiant du résultat',
          'Courriel',
          "Type d'examen",
          'Score /1000',
          'Date de passage',
          'Validation',
        ],
        row: (i) => [
          `R-${i}`,
          `c${i}@example.test`,
          'official_approved',
          '540',
          '12/06/2024',
          'Validé',
        ],
        poison: ['=1+1', 'lea@example.test', 'official_approved', '540', '12/06/2024', 'Validé'],
      }
    },
  },
  {
    name: 'frameworks (spreadsheet)',
    maxMb: 2,
    async setup() {
      return {
        actor: await makeUser('network_admin'),
        form: '/frameworks/import',
        action: '/frameworks',
        fields: { code: 'FUZZ', name: 'Référentiel éprouvé' },
        header: FRAMEWORK_HEADER,
        row: frameworkRow,
        poison: ['=1+1', ...frameworkRow(0).slice(1)],
      }
    },
  },
  {
    name: 'frameworks (JSON)',
    maxMb: 2,
    json: true,
    async setup() {
      return {
        actor: await makeUser('network_admin'),
        form: '/frameworks/import',
        action: '/frameworks',
        fields: { code: 'FUZZ', name: 'Référentiel éprouvé' },
        header: FRAMEWORK_HEADER,
        row: frameworkRow,
        poison: ['=1+1', ...frameworkRow(0).slice(1)],
      }
    },
  },
]

/* ---------- files ---------- */

function csv(rows: string[][], separator = ';', eol = '\r\n') {
  const cell = (text: string) =>
    /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replaceAll('"', '""')}"` : text
  return rows.map((row) => row.map(cell).join(separator)).join(eol) + eol
}

function encode(text: string, encoding: string) {
  if (encoding === 'utf8') return Buffer.from(text)
  if (encoding === 'utf8-bom') return Buffer.concat([MAGIC_PREFIXES.utf8Bom, Buffer.from(text)])
  if (encoding === 'win1252') return iconv.encode(text, 'win1252')
  const [name, bom] = encoding.split('-')
  return iconv.encode(text, name, { addBOM: bom === 'bom' })
}

interface SheetSpec {
  name: string
  rows: unknown[][]
  merge?: string
  formula?: { cell: string; formula: string; result: unknown }
}

async function xlsx(sheets: SheetSpec[]) {
  const workbook = new ExcelJS.Workbook()
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name)
    spec.rows.forEach((row) => sheet.addRow(row))
    if (spec.formula)
      sheet.getCell(spec.formula.cell).value = {
        formula: spec.formula.formula,
        result: spec.formula.result,
      } as any
    if (spec.merge) sheet.mergeCells(spec.merge)
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A framework file as JSON: the rows keyed by the spreadsheet's column keys. */
function frameworkJson(rows: string[][]) {
  const keys = [
    'poleCode',
    'pole',
    'classCode',
    'class',
    'situationCode',
    'situation',
    'competenceCode',
    'competence',
    'unit',
  ]
  return Buffer.from(
    JSON.stringify({ rows: rows.map((row) => Object.fromEntries(keys.map((k, i) => [k, row[i]]))) })
  )
}

/** 100,000 rows that look right, made once per import and reused. */
const hundredThousand = new Map<string, Promise<{ csv: Buffer; xlsx: Buffer }>>()
function bigFiles(target: ImportTarget, world: World) {
  if (!hundredThousand.has(target.name))
    hundredThousand.set(
      target.name,
      (async () => {
        // A hundred distinct rows, repeated: an xlsx of them stays under the size caps.
        const rows = Array.from({ length: 100_000 }, (_, i) => world.row((i % 100) + 1))
        const output = new PassThrough()
        const chunks: Buffer[] = []
        output.on('data', (chunk: Buffer) => chunks.push(chunk))
        const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
          stream: output,
          useSharedStrings: true,
        })
        const sheet = workbook.addWorksheet('Données')
        sheet.addRow(world.header).commit()
        for (const row of rows) sheet.addRow(row).commit()
        sheet.commit()
        await workbook.commit()
        return { csv: Buffer.from(csv([world.header, ...rows])), xlsx: Buffer.concat(chunks) }
      })()
    )
  return hundredThousand.get(target.name)!
}

/* ---------- cases ---------- */

interface Expectation {
  /** The message under the file field. */
  field?: string
  /** Texts that the report's reasons must include. */
  reasons?: string[]
  /** The header was read: no error on row 1 (encodings decoded right). */
  headerRead?: boolean
}

interface Case {
  name: string
  bytes: Buffer
  filename: string
  expect?: Expectation
}

const ENCODINGS = ['utf8', 'utf8-bom', 'utf16le-bom', 'utf16be-bom', 'win1252']

/** The named cases every import gets. */
async function fixedCases(target: ImportTarget, world: World): Promise<Case[]> {
  const { header, poison } = world
  const good = [world.row(1), world.row(2)]
  const ext = target.json ? 'json' : 'csv'
  const text = (rows: string[][]) =>
    target.json ? frameworkJson(rows) : Buffer.from(csv([header, ...rows]))
  const maxBytes = target.maxMb * 1024 * 1024
  // 100,000 rows: over the size cap, over the row cap, or within both (then the rows' own errors).
  const bigExpect = (size: number) =>
    size > maxBytes
      ? { field: MESSAGES.tooLarge(target.maxMb) }
      : 100_000 > (target.maxRows ?? 5000)
        ? { reasons: [MESSAGES.tooManyRows] }
        : { reasons: [] }
  const cases: Case[] = [
    {
      name: 'an empty file',
      bytes: Buffer.alloc(0),
      filename: `vide.${ext}`,
      expect: { field: MESSAGES.wrongType },
    },
    {
      name: 'only the header',
      bytes: target.json ? Buffer.from('{"rows": []}') : Buffer.from(csv([header])),
      filename: `entete.${ext}`,
      expect: { reasons: [MESSAGES.empty] },
    },
    {
      name: '10 MB of commas',
      bytes: Buffer.alloc(10 * 1024 * 1024, ','),
      filename: `virgules.${ext}`,
      // Refused for its size where the cap is smaller, else for its width.
      expect:
        10 * 1024 * 1024 > maxBytes
          ? { field: MESSAGES.tooLarge(target.maxMb) }
          : { reasons: [target.json ? MESSAGES.unreadable : MESSAGES.tooManyColumns] },
    },
    {
      name: 'semicolons and line breaks just under the size cap',
      bytes: Buffer.from(';;;;;;;;;\n'.repeat(Math.floor((maxBytes - 1024) / 10))),
      filename: `points-virgules.${ext}`,
      expect: { reasons: [target.json ? MESSAGES.unreadable : MESSAGES.missingColumn] },
    },
    {
      name: 'commas just under the size cap, on one line',
      bytes: Buffer.alloc(maxBytes - 1024, ','),
      filename: `virgules.${ext}`,
      expect: { reasons: [target.json ? MESSAGES.unreadable : MESSAGES.tooManyColumns] },
    },
    {
      name: 'a header then formulas (= + - @)',
      bytes: text([
        poison,
        good[0].map((cell, i) => (i === 1 ? '+SUM(1,2)' : i === 2 ? '-1+2' : cell)),
        good[1].map((cell, i) => (i === 1 ? '@SUM(A1)' : cell)),
        good[0].map((cell, i) => (i === 1 ? '=HYPERLINK("http://evil.example","clic")' : cell)),
      ]),
      filename: `formules.${ext}`,
      expect: { reasons: [MESSAGES.formula], headerRead: true },
    },
    {
      name: 'a right header followed by garbage',
      bytes: target.json
        ? Buffer.from(
            '{"rows": [' + '{"poleCode": [1, {"a": null}]},'.repeat(50) + 'null, 7, "x"]}'
          )
        : Buffer.concat([
            Buffer.from(csv([header, poison])),
            Buffer.from(
              '"unterminated;;\n\u0001\u0002\u001b\u007f;\r\r\n""";";"\n' + '€'.repeat(300)
            ),
          ]),
      filename: `dechets.${ext}`,
      expect: { headerRead: true },
    },
    {
      name: 'random bytes behind a PDF header',
      bytes: Buffer.concat([MAGIC_PREFIXES.pdf, Buffer.alloc(3000, 0x41)]),
      filename: `faux.${ext}`,
      expect: { field: MESSAGES.wrongType },
    },
  ]
  if (target.json) {
    cases.push(
      {
        name: 'deeply nested JSON',
        bytes: Buffer.from('['.repeat(500_000) + ']'.repeat(500_000)),
        filename: 'profond.json',
      },
      {
        name: 'JSON with prototype keys',
        bytes: Buffer.from(
          '{"__proto__": {"rows": [1]}, "rows": [{"__proto__": {"poleCode": "P1"}, "constructor": {"prototype": 1}}]}'
        ),
        filename: 'proto.json',
      },
      {
        name: '100,000 JSON rows',
        bytes: frameworkJson(Array.from({ length: 100_000 }, (_, i) => frameworkRow(i))),
        filename: 'lignes.json',
        expect: { field: MESSAGES.tooLarge(target.maxMb) },
      },
      {
        name: '6,000 small JSON rows',
        bytes: Buffer.from(`{"rows": [${Array.from({ length: 6000 }, () => '{}').join(',')}]}`),
        filename: 'lignes.json',
        expect: { reasons: [MESSAGES.tooManyRows] },
      }
    )
    return cases
  }
  const big = await bigFiles(target, world)
  for (const encoding of ENCODINGS)
    cases.push({
      name: `a clean file in ${encoding} with one formula`,
      bytes: encode(
        csv([header, good[0], poison], encoding.startsWith('utf16') ? '\t' : ';'),
        encoding
      ),
      filename: 'encodage.csv',
      expect: { reasons: [MESSAGES.formula], headerRead: true },
    })
  cases.push(
    {
      name: 'UTF-16 without a byte order mark',
      bytes: encode(csv([header, good[0]], '\t'), 'utf16le'),
      filename: 'unicode.csv',
      expect: { field: MESSAGES.wrongType },
    },
    {
      name: '100,000 rows (csv)',
      bytes: big.csv,
      filename: 'cent-mille.csv',
      expect: bigExpect(big.csv.length),
    },
    {
      name: '100,000 rows (xlsx)',
      bytes: big.xlsx,
      filename: 'cent-mille.xlsx',
      expect: bigExpect(big.xlsx.length),
    },
    {
      name: 'an xlsx whose first sheet is empty, the data on the second',
      bytes: await xlsx([
        { name: 'Vide', rows: [] },
        { name: 'Données', rows: [header, ...good, poison] },
      ]),
      filename: 'deuxieme-feuille.xlsx',
      expect: { reasons: [MESSAGES.empty] },
    },
    {
      name: 'an xlsx whose first sheet is a note, the data on the second',
      bytes: await xlsx([
        { name: 'Lisez-moi', rows: [['Les données sont sur la feuille suivante.']] },
        { name: 'Données', rows: [header, ...good, poison] },
      ]),
      filename: 'note.xlsx',
      expect: { reasons: [MESSAGES.missingColumn] },
    },
    {
      name: 'an xlsx with merged cells and a formula',
      bytes: await xlsx([
        {
          name: 'Données',
          rows: [header, ...good, good[0]],
          merge: 'A2:B2',
          formula: { cell: 'B3', formula: 'CONCATENATE("a","b")', result: 'ab' },
        },
      ]),
      filename: 'fusion.xlsx',
      expect: { reasons: [MESSAGES.formula], headerRead: true },
    },
    {
      name: 'only the header (xlsx)',
      bytes: await xlsx([{ name: 'Données', rows: [header] }]),
      filename: 'entete.xlsx',
      expect: { reasons: [MESSAGES.empty] },
    },
    {
      name: 'a truncated xlsx',
      bytes: (await xlsx([{ name: 'Données', rows: [header, ...good] }])).subarray(0, 1500),
      filename: 'tronque.xlsx',
      expect: { reasons: [MESSAGES.unreadable] },
    },
    {
      name: 'a zip that is not a workbook',
      bytes: Buffer.concat([MAGIC_PREFIXES.emptyZip, Buffer.alloc(18)]),
      filename: 'vide.xlsx',
      expect: { field: MESSAGES.wrongType },
    }
  )
  return cases
}

const FILENAMES = [
  'import.csv',
  'import.xlsx',
  'données.xlsx',
  'x.pdf',
  'sans-extension',
  '../../etc/passwd.csv',
  `${'a'.repeat(240)}.csv`,
]

/** Drawn cases: random or damaged files; each text one carries a refused row. */
async function randomCases(random: Random, target: ImportTarget, world: World, count: number) {
  const { header, poison } = world
  const rows = (n: number) => Array.from({ length: n }, (_, i) => world.row(i + 1))
  const nastyRow = () => header.map(() => random.pick(NASTY_CELLS))
  const filename = (ext: string) =>
    target.json ? 'cas.json' : random.chance(0.7) ? `cas.${ext}` : random.pick(FILENAMES)
  const cases: Case[] = []
  for (let i = 0; i < count; i++) {
    const kind = random.pick([
      'bytes',
      'magic',
      'garbage rows',
      'damaged text',
      'damaged xlsx',
      'nasty xlsx',
      'nasty csv',
      'odd header',
    ] as const)
    let bytes: Buffer
    let ext = 'csv'
    if (kind === 'bytes') bytes = random.bytes(random.int(1, 20_000))
    else if (kind === 'magic')
      bytes = Buffer.concat([
        random.pick(Object.values(MAGIC_PREFIXES)),
        random.bytes(random.int(0, 20_000)),
      ])
    else if (kind === 'garbage rows') {
      const garbage = Array.from({ length: random.int(1, 30) }, () =>
        random.text(random.int(0, 200), [...NASTY_CELLS, ';', ',', '\t', '"', '\n', '\r', 'x'])
      ).join(random.pick(['\n', '\r\n', '\r']))
      bytes = target.json
        ? Buffer.from(`{"rows": [${garbage}]}`)
        : Buffer.from(csv([header, poison]) + garbage)
    } else if (kind === 'damaged text') {
      // The header and the refused row stay whole; the damage is in the rows after them.
      const whole = target.json
        ? frameworkJson([poison, ...rows(40)])
        : Buffer.from(csv([header, poison, ...rows(40)]))
      const cut = target.json
        ? whole.indexOf('},{') + 2
        : whole.indexOf('\n', whole.indexOf('\n') + 1) + 1
      bytes = Buffer.concat([whole.subarray(0, cut), random.mutate(whole.subarray(cut))])
    } else if (kind === 'damaged xlsx') {
      ext = 'xlsx'
      bytes = random.mutate(
        await xlsx([{ name: 'Données', rows: [header, poison, ...rows(random.int(1, 40))] }])
      )
    } else if (kind === 'nasty xlsx') {
      ext = 'xlsx'
      const sheetRows: unknown[][] = [header, poison]
      for (let r = random.int(1, 20); r > 0; r--)
        sheetRows.push(
          header.map(() =>
            random.pick<unknown>([
              random.pick(NASTY_CELLS).replaceAll('\r', ''),
              random.int(-1e9, 1e9),
              random.next(),
              new Date(random.int(-1e12, 4e12)),
              random.chance(0.5),
              { richText: [{ text: 'riche ' }, { text: random.pick(NASTY_CELLS) }] },
              { text: 'lien', hyperlink: 'javascript:alert(1)' },
              { error: '#DIV/0!' },
              null,
            ])
          )
        )
      bytes = await xlsx([
        { name: random.pick(['Données', 'Feuil1', '=Feuille', 'ü'.repeat(31)]), rows: sheetRows },
        ...(random.chance(0.3) ? [{ name: 'Autre', rows: [header, ...rows(3)] }] : []),
      ])
    } else if (kind === 'nasty csv') {
      const encoding = random.pick(ENCODINGS)
      const separator = random.pick([';', ',', '\t'])
      const body = [poison, ...Array.from({ length: random.int(1, 30) }, nastyRow)]
      bytes = target.json
        ? frameworkJson(body)
        : encode(csv([header, ...body], separator, random.pick(['\n', '\r\n'])), encoding)
    } else {
      const shuffled = header
        .filter(() => random.chance(0.8))
        .map((name) =>
          random.pick([
            name,
            name.toUpperCase(),
            ` ${name}* `,
            name.normalize('NFD'),
            random.pick(NASTY_CELLS),
          ])
        )
      if (random.chance(0.5)) shuffled.push(random.pick(header))
      bytes = target.json
        ? Buffer.from(JSON.stringify({ rows: [Object.fromEntries(shuffled.map((h) => [h, h]))] }))
        : Buffer.from(csv([shuffled, poison, ...rows(5)], random.pick([';', ',', '\t'])))
    }
    cases.push({ name: `#${i} ${kind}`, bytes, filename: filename(ext) })
  }
  return cases
}

/* ---------- checks ---------- */

/** Every table of the schema, listed before the tests' transactions hold the connection. */
let tables: string[] = []

/** The row count of every table, in one query. */
async function tableCounts() {
  const [counts] = await db
    .rawQuery(`select ${tables.map((t, i) => `(select count(*) from "${t}") as c${i}`).join(', ')}`)
    .then((result: any) => (Array.isArray(result) ? result : result.rows))
  return Object.fromEntries(tables.map((t, i) => [t, Number(counts[`c${i}`])]))
}

async function storedFiles() {
  try {
    const { objects } = await drive.use().listAll('', { recursive: true })
    return [...objects].map((object) => ('key' in object ? object.key : object.prefix)).sort()
  } catch {
    return []
  }
}

/** Temporary files of this process's spreadsheet reads (exceljs's own, the reader's copies). */
async function readerLeftovers() {
  return (await readdir(tmpdir())).filter(
    (name) => name.startsWith(`tmp-${process.pid}-`) || name.startsWith('passerelle-import-')
  )
}

const unescape = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replaceAll('&#x27;', "'")
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .trim()

type Verdict =
  | { kind: 'field'; message: string }
  | { kind: 'report'; errors: { row: string; column: string; value: string; reason: string }[] }
  | { kind: 'accepted' | 'unexpected'; detail: string }

function verdictOf(response: ApiResponse, world: World): Verdict {
  const status = response.status()
  if (status >= 300 && status < 400) {
    const bag = (response.flashMessages()?.inputErrorsBag ?? {}) as Record<string, string[]>
    if (bag.file?.length) return { kind: 'field', message: bag.file[0] }
    return {
      kind: response.flashMessages()?.success ? 'accepted' : 'unexpected',
      detail: `${status} to ${response.header('location')} ${JSON.stringify(response.flashMessages())}`,
    }
  }
  const html = response.text()
  if (status === 200 && html.includes('data-testid="import-errors"')) {
    const errors = [...html.matchAll(/<tr data-testid="import-error">([\s\S]*?)<\/tr>/g)].map(
      ([, cells]) => {
        const [row, column, value, reason] = [...cells.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(
          ([, cell]) => unescape(cell)
        )
        return { row, column, value, reason }
      }
    )
    return { kind: 'report', errors }
  }
  return {
    kind:
      status === 200 && html.includes(world.action.replace('/preview', '/apply'))
        ? 'accepted'
        : 'unexpected',
    detail: `${status} ${html.slice(0, 300)}`,
  }
}

const KNOWN_FIELD_MESSAGES = (maxMb: number) => [
  MESSAGES.wrongType,
  MESSAGES.tooLarge(maxMb),
  'Choisissez un fichier.',
]

/**
 * Sends each case through the import's route and checks it; returns the
 * problems found (an empty list when every case was handled well).
 */
async function run(client: ApiClient, target: ImportTarget, world: World, cases: Case[]) {
  const problems: string[] = []
  const tallies: Record<string, number> = {}
  const timings: [number, string][] = []
  let counts = await tableCounts()
  let stored = await storedFiles()
  const leftovers = new Set(await readerLeftovers())
  for (const [index, current] of cases.entries()) {
    const label = `${target.name} / ${current.name}`
    const path = await fixture(`fuzz-${index}.bin`, current.bytes)
    const since = Date.now()
    let request = client
      .post(world.action)
      .loginAs(world.actor)
      .header('referer', world.form)
      .withCsrfToken()
      .redirects(0)
    for (const [name, value] of Object.entries(world.fields ?? {}))
      request = request.field(name, value)
    const response = await request.file('file', path, { filename: current.filename })
    const took = Date.now() - since
    timings.push([took, current.name])
    if (response.status() >= 500) {
      problems.push(`${label}: status ${response.status()}`)
      continue
    }
    const verdict = verdictOf(response, world)
    if (process.env.FUZZ_VERBOSE)
      console.info(
        `[fuzz] ${label}: ${took} ms, ${verdict.kind}: ${
          verdict.kind === 'field'
            ? verdict.message
            : verdict.kind === 'report'
              ? [...new Set(verdict.errors.map((e) => e.reason))].slice(0, 3).join(' | ')
              : verdict.detail
        }`
      )
    tallies[verdict.kind] = (tallies[verdict.kind] ?? 0) + 1
    const expect = current.expect ?? {}
    if (verdict.kind === 'field') {
      if (!KNOWN_FIELD_MESSAGES(target.maxMb).includes(verdict.message))
        problems.push(`${label}: unexpected field message "${verdict.message}"`)
      if (expect.field && verdict.message !== expect.field)
        problems.push(`${label}: "${verdict.message}" instead of "${expect.field}"`)
      if (expect.reasons)
        problems.push(`${label}: refused under the field ("${verdict.message}"), expected a report`)
      // The message shows on the form it came back to.
      if (response.header('location') !== world.form)
        problems.push(`${label}: sent back to ${response.header('location')}`)
      const page = await client
        .get(world.form)
        .loginAs(world.actor)
        .withFlashMessages(response.flashMessages()!)
      if (!page.text().includes(verdict.message.replaceAll("'", '&#x27;')))
        problems.push(`${label}: the form does not show "${verdict.message}"`)
    } else if (verdict.kind === 'report') {
      const reasons = verdict.errors.map((e) => e.reason)
      if (verdict.errors.length === 0) problems.push(`${label}: a report without errors`)
      if (!response.text().includes('Rien n&#x27;a été enregistré'))
        problems.push(`${label}: the report does not say that nothing was written`)
      for (const reason of reasons)
        if (!reason || /translation|imports\.|reason_/.test(reason))
          problems.push(`${label}: untranslated reason "${reason}"`)
      for (const wanted of expect.reasons ?? [])
        if (!reasons.some((r) => r.startsWith(wanted)))
          problems.push(`${label}: no "${wanted}" in ${JSON.stringify(reasons.slice(0, 5))}`)
      if (expect.field)
        problems.push(
          `${label}: a report (${reasons.slice(0, 3).join(' | ')}), expected "${expect.field}"`
        )
      if (expect.headerRead && verdict.errors.some((e) => e.row === '1'))
        problems.push(
          `${label}: header not read: ${JSON.stringify(verdict.errors.filter((e) => e.row === '1'))}`
        )
      // A formula is shown as the text it is, never computed.
      for (const error of verdict.errors)
        if (error.reason === MESSAGES.formula && !error.value.startsWith('='))
          problems.push(`${label}: formula shown as "${error.value}"`)
    } else {
      problems.push(`${label}: ${verdict.kind}: ${verdict.detail}`)
    }
    const after = await tableCounts()
    const changed = Object.keys(after).filter((t) => after[t] !== counts[t])
    if (changed.length) {
      problems.push(`${label}: rows written in ${changed.join(', ')}`)
      counts = after
    }
    const storedAfter = await storedFiles()
    if (storedAfter.join() !== stored.join()) {
      problems.push(
        `${label}: files kept: ${storedAfter.filter((k) => !stored.includes(k)).join(', ')}`
      )
      stored = storedAfter
    }
    const left = [
      ...(await leftInTmp(current.bytes, since)),
      ...(await readerLeftovers()).filter((name) => !leftovers.has(name)),
    ]
    if (left.length) problems.push(`${label}: files left in ${tmpdir()}: ${left.join(', ')}`)
    const alive = await client.get(world.form).loginAs(world.actor)
    if (alive.status() !== 200)
      problems.push(`${label}: then GET ${world.form} answered ${alive.status()}`)
  }
  const slowest = timings
    .sort((a, b) => b[0] - a[0])
    .slice(0, 3)
    .map(([ms, name]) => `${name} ${ms} ms`)
  console.info(
    `[fuzz] ${target.name}: ${cases.length} cases, ${JSON.stringify(tallies)}; slowest: ${slowest.join(', ')}`
  )
  return problems
}

test.group('Import fuzzing', (group) => {
  group.setup(async () => {
    tables = (await db.connection().getAllTables(['public'])).filter(
      (name) => !name.startsWith('adonis_schema')
    )
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(180_000)

  const only = process.env.FUZZ_ONLY
  for (const target of IMPORTS.filter((t) => !only || t.name.includes(only))) {
    test(`${target.name}: hostile and broken files are refused with a message, nothing written`, async ({
      client,
      assert,
    }) => {
      const world = await target.setup(client)
      const random = fuzzRandom(target.name)
      const cases = [
        ...(await fixedCases(target, world)),
        ...(await randomCases(random, target, world, RANDOM_CASES)),
      ]
      const problems = await run(client, target, world, cases)
      assert.deepEqual(problems, [], `seed ${random.seed}`)
    })
  }
})

/**
 * Public API of the candidates module. Other modules import from '#candidates' only.
 *
 * - Candidate: the file (read it; change it through this module's pages).
 * - recordCandidateExam: how sessions (registrations) and orders (credits)
 *   tell a file about its exams (recordCandidateExams: thousands at once); the
 *   table's status, validation, score, exam type and date columns, the lock
 *   and the deletion rule follow from it.
 * - correctIdentity, examDayIdentityValidator, candidateOptions: the exam
 *   passport's "Informations candidat" (checked against the ID on exam day);
 *   recordCandidateCapture: its photo and signature become the file's.
 * - registerPersonalData: how a module adds what it holds on a candidate to the
 *   GDPR export and to anonymisation.
 * - registerCandidateExtension: how a module adds a card to the candidate file
 *   and buttons above the table; candidateTable / groupOptions / statusCounts:
 *   the table's query and filters, for pickers of candidates in other modules.
 */
export { default as Candidate, fullName } from '#candidates/models/candidate'
export type { ExamStatus, ExamValidation } from '#candidates/models/candidate'
export {
  recordCandidateExam,
  recordCandidateExams,
  recordNewCandidateExams,
} from '#candidates/services/candidate_exams'
export type { CandidateExamInput } from '#candidates/services/candidate_exams'
export {
  registerPersonalData,
  anonymiseCandidate,
  pastRetention,
} from '#candidates/services/personal_data'
export type { PersonalDataContributor } from '#candidates/services/personal_data'
export {
  CANDIDATE_SEARCH_TEXT,
  LANGUAGES,
  LANGUAGE_IMPORT_CODES,
} from '#candidates/models/candidate'
export {
  correctIdentity,
  recordCandidateCapture,
  createImportedCandidates,
  findCandidate,
  findCandidates,
  nameKey,
} from '#candidates/services/candidate_files'
export type { ImportedCandidate } from '#candidates/services/candidate_files'
export { examDayIdentityValidator } from '#candidates/validators/candidate'
export { candidateOptions } from '#candidates/services/options'
export { registerCandidateExtension } from '#candidates/services/extensions'
export type { CandidateExtension, FilePanel, TableAction } from '#candidates/services/extensions'
export { candidateTable, groupOptions, statusCounts } from '#candidates/services/candidate_table'

/**
 * Public API of the sessions module. Other modules import from '#sessions' only.
 */
export { default as ExamSession, SESSION_STATUSES } from '#sessions/models/exam_session'
export type { SessionStatus } from '#sessions/models/exam_session'
export { default as Product } from '#sessions/models/product'
export { default as Registration } from '#sessions/models/registration'
export { registrationDeadline } from '#sessions/services/deadline'
export { closeDueRegistrations } from '#sessions/services/scheduler'
export { sessionsDashboard } from '#sessions/services/dashboard'
export { publishDueResults, recordOralResult } from '#sessions/services/results'
export type { OralResultOutcome } from '#sessions/services/results'
export { oralParts, oralResult } from '#sessions/services/oral_grids'
export type { GradedCriterion } from '#sessions/services/oral_grids'
export { default as ExamSubject } from '#sessions/models/exam_subject'
export { default as GridCriterion } from '#sessions/models/grid_criterion'

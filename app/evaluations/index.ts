/**
 * Public API of the evaluations module. Other modules import from '#evaluations' only.
 */
export { GRADE_LEVELS, LEVEL_CODES, isGradeLevel, isObserved } from '#evaluations/services/levels'
export type { GradeLevel } from '#evaluations/services/levels'
export { centreFrameworks, frameworksOfClasses } from '#evaluations/services/class_frameworks'
export { pickerTrees } from '#evaluations/services/scenarios'
export { learnerResults } from '#evaluations/services/learner_results'
export { situationLinks } from '#evaluations/services/situation_links'
export { learnerEvaluations, forgetLearnerComments } from '#evaluations/services/learner_data'

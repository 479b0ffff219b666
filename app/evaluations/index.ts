/**
 * Public API of the evaluations module. Other modules import from '#evaluations' only.
 */
export {}

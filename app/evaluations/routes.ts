/**
 * Routes of the evaluations module (see its issue for what lands here).
 */
export {}

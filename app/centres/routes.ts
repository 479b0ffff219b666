/**
 * Routes of the centres module (see its issue for what lands here).
 */
export {}

/**
 * Routes of the sessions module (see its issue for what lands here).
 */
export {}

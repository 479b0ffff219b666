/**
 * Routes of the messaging module (see its issue for what lands here).
 */
export {}

/**
 * Routes of the passports module (see its issue for what lands here).
 */
export {}

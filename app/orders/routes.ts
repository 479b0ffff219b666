/**
 * Routes of the orders module (see its issue for what lands here).
 */
export {}

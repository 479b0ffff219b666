/**
 * Routes of the candidates module (see its issue for what lands here).
 */
export {}

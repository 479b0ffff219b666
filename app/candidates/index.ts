/**
 * Public API of the candidates module. Other modules import from '#candidates' only.
 */
export {}

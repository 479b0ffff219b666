/**
 * Public API of the sessions module. Other modules import from '#sessions' only.
 */
export {}

/**
 * Public API of the messaging module. Other modules import from '#messaging' only.
 */
export {}

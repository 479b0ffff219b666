/**
 * Public API of the dashboard module. Other modules import from '#dashboard' only.
 */
export {}

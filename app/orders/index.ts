/**
 * Public API of the orders module. Other modules import from '#orders' only.
 */
export {}

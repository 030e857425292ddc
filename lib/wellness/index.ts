/** The pure wellness domain: field catalogue, units, validation, patches and athlete-local dates. */

export * from '../dates';
export * from './catalogue';
export * from './diff';
export * from './units';
export * from './validate';

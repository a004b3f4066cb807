/** The domain core's public API. */
export * from './contract';
export * from './types';
export * from './rubric';
export * from './settings';
export * from './roster';
export * from './parse';
export * from './texts/messages';
export * from './evaluate';
export * from './json';
export * from './postingRules';
export * from './workPlans';
export { emptyBlock, findColumn, headerKey } from './table';
export { divRound } from './exact';

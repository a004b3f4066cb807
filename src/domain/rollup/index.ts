/** The committee's roll-up (党委汇总) and scheme (统一方案): pure rules. */
export * from './types';
export * from './figures';
export * from './scheme';
export * from './rollup';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }],
  },
  // Browser tests drive Chromium and run in their own project (npm run test:browser).
  testPathIgnorePatterns: ['/node_modules/', '/test/browser/'],
  moduleNameMapper: { '\\.(css|png|svg)$': '<rootDir>/test/support/fileStub.js' },
};

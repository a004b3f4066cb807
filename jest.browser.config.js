/**
 * Browser tests (npm run test:browser): build the preview, serve it on 127.0.0.1, drive Debian's Chromium
 * with playwright-core. Node environment; long timeouts because the build and a whole year of typing take time.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }],
  },
  testTimeout: 600000,
  maxWorkers: 1,
};

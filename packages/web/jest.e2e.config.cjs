/**
 * Browser end-to-end tests: a real API process serving the built SPA, driven by Chromium
 * through playwright-core. Run with `pnpm --filter @guichet/web test:e2e` after `vite build`.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  moduleNameMapper: {
    '^@guichet/shared$': '<rootDir>/../shared/src/index.ts',
  },
  testTimeout: 120000,
  maxWorkers: 1,
};

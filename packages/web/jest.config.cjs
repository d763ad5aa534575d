/** Unit and component tests: jsdom, TypeScript through ts-jest (transpile only; `tsc` type-checks). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: '<rootDir>/src/testing/jsdom-environment.cjs',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFilesAfterEnv: ['<rootDir>/src/testing/setup-tests.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  moduleNameMapper: {
    '^@guichet/shared$': '<rootDir>/../shared/src/index.ts',
    '^@/config/raw-env$': '<rootDir>/src/testing/raw-env.ts',
    '^@/(.*)$': '<rootDir>/src/$1',
    '\\.css$': '<rootDir>/src/testing/style-stub.ts',
  },
  testTimeout: 15000,
};

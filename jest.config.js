/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // The Agents SDK's jwks-rsa requires jose, an ES module jest cannot require (see the file).
  moduleNameMapper: { '^jose$': '<rootDir>/test/support/jose-for-jest.ts' },
  // PGlite takes seconds and hundreds of MB to start; two workers suit the 2-core machines here.
  maxWorkers: 2,
  testTimeout: 60000,
  // Test schemas on Postgres are named after the run and dropped at its end.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

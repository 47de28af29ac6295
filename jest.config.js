/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // PGlite takes seconds and hundreds of MB to start; two workers suit the 2-core machines here.
  maxWorkers: 2,
  testTimeout: 60000,
};

/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Each file loads the real kuromoji dictionary once; give the first load time on a slow machine.
  testTimeout: 30000,
};

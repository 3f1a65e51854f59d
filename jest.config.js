/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Trains the model once (as npm run build does) before the test files restore it.
  globalSetup: '<rootDir>/tests/global-setup.ts',
  // Each file loads the real kuromoji dictionary once; give the first load time on a slow machine.
  testTimeout: 30000,
};

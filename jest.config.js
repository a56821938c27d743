// Jest runs in ESM mode because the @actions toolkit is ESM-only (see README, "Build").
// ts-jest only transpiles; `npm run typecheck` does the type checking once for the whole tree.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }]
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/helpers/global-setup.mjs',
  setupFiles: ['<rootDir>/test/helpers/offline.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 60_000,
  // Lab tests start servers; a few workers keep the 2-core CI machine responsive.
  maxWorkers: process.env.CI ? 2 : '50%'
}

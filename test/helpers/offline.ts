// Loaded by jest before every test file (jest.config.js setupFiles): the product may then reach
// loopback addresses only, so a test that forgot to provide a tool fails instead of downloading.
process.env.RK1_OFFLINE = '1'

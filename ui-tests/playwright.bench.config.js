/**
 * The click-to-verdict benchmark (`make bench-ui`): the UI tests' set-up, but
 * only the scripts under bench/, never run by `make test`.
 */
const config = require('./playwright.config');

module.exports = {
  ...config,
  testDir: './bench',
  testMatch: '*.bench.ts',
  reporter: [['list']],
  use: { ...config.use, trace: 'off' }
};

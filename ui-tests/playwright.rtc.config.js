/**
 * The lock suite's second pass: real-time collaboration on (jupyter-collaboration),
 * the lab open in two pages. A server of its own, on its own port.
 */
const base = require('./playwright.config');

const port = process.env.BYTEMENTOR_RTC_UI_PORT || '8898';
// Read by the server config (RTC on) and by the suite (a second page).
process.env.BYTEMENTOR_RTC = '1';

module.exports = {
  ...base,
  testMatch: /locks\.spec\.ts$/,
  outputDir: 'test-results/rtc',
  reporter: [[process.env.CI ? 'line' : 'list']],
  use: { ...base.use, baseURL: `http://localhost:${port}` },
  webServer: {
    ...base.webServer,
    command: `BYTEMENTOR_UI_PORT=${port} jupyter lab --config jupyter_server_test_config.py`,
    url: `http://localhost:${port}/lab`
  }
};

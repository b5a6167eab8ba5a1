/**
 * Galata configuration: JupyterLab started by the test runner, driven in
 * Debian's Chromium (never a downloaded browser).
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const port = process.env.BYTEMENTOR_UI_PORT || '8899';

module.exports = {
  ...baseConfig,
  timeout: 120000,
  expect: { timeout: 30000 },
  retries: 0,
  workers: 1,
  reporter: [[process.env.CI ? 'line' : 'list'], ['html', { open: 'never' }]],
  use: {
    ...baseConfig.use,
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    },
    trace: 'retain-on-failure',
    video: 'off'
  },
  webServer: {
    command: 'jupyter lab --config jupyter_server_test_config.py',
    url: `http://localhost:${port}/lab`,
    timeout: 120 * 1000,
    // Never reuse a running server: it could be a learner's own JupyterLab.
    reuseExistingServer: false
  }
};

/**
 * The progress file is the learner's: a value of the wrong kind in it (an
 * older version's, a hand edit) must not hide or lose the other records.
 */
import { expect, test } from '@jupyterlab/galata';

test.use({ autoGoto: true, mockSettings: false });

test('a bad value in the progress file keeps every other pass', async ({
  page
}) => {
  const raw = JSON.stringify({
    labs: {
      'gradient-descent': {
        exercises: {
          mse: {
            firstPassed: '2026-12-01T10:00:00.000Z',
            attempts: 2,
            hintsUsed: 0
          },
          gradient: { attempts: '3', hintsUsed: 0 }
        }
      }
    }
  });
  const status = await page.evaluate(async raw => {
    const base = (window as any).jupyterapp.serviceManager.serverSettings
      .baseUrl;
    const reply = await fetch(
      `${base}lab/api/settings/jupyterlab-bytementor:progress`,
      { method: 'PUT', body: JSON.stringify({ raw }) }
    );
    return reply.status;
  }, raw);
  expect(status).toBe(204);
  await page.reload({ waitForIsReady: false });
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  await expect(
    page.locator('#jp-bytementor-roadmap [data-lab="gradient-descent"]')
  ).toContainText('1/5 exercises');
});

/**
 * A settings write that fails (the server answers 500, as with a read-only
 * settings folder): the learner is told, the pass stays in the page, and
 * once writes work again it is saved without the learner doing anything.
 */
import { expect, test } from '@jupyterlab/galata';
import { Request, Route } from '@playwright/test';

import { passExercise, waitForLab } from './pass-exercise';

test.use({ autoGoto: true, mockSettings: false });

/**
 * Writes of the progress settings, as the setting registry sends them.
 */
function isProgressWrite(url: URL): boolean {
  return decodeURIComponent(url.pathname).endsWith(
    '/lab/api/settings/jupyterlab-bytementor:progress'
  );
}

test('a failed progress write is shown, retried, and loses nothing', async ({
  page
}) => {
  const refused: Request[] = [];
  const fault = async (route: Route) => {
    if (route.request().method() === 'PUT') {
      refused.push(route.request());
      await route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ message: 'Read-only file system' })
      });
    } else {
      await route.continue();
    }
  };
  await page.route(isProgressWrite, fault);

  await passExercise(page, 'kmeans-pca', 'assign-update');
  const roadmap = page.locator('#jp-bytementor-roadmap');
  const banner = roadmap.locator('.jp-bytementor-Roadmap-saveError');
  // The learner is told, in the roadmap and in a notification...
  await expect(banner).toContainText('Your progress is not saved yet');
  await expect(
    page.locator('.Toastify__toast').filter({
      hasText: 'Your progress could not be saved'
    })
  ).toBeVisible();
  // ...and the pass is kept in the page meanwhile.
  await expect(roadmap.locator('[data-lab="kmeans-pca"]')).toContainText(
    '1/6 exercises'
  );
  expect(refused.length).toBeGreaterThan(0);

  // The fault clears: the scheduled retry saves it, unasked.
  await page.unroute(isProgressWrite, fault);
  await expect(banner).toHaveCount(0, { timeout: 30000 });
  await expect(
    page.locator('.Toastify__toast').filter({
      hasText: 'Your progress is saved again.'
    })
  ).toBeVisible();

  await page.reload({ waitForIsReady: false });
  await waitForLab(page);
  await expect(
    page.locator('#jp-bytementor-roadmap [data-lab="kmeans-pca"]')
  ).toContainText('1/6 exercises');
});

/**
 * Two JupyterLab pages of one learner pass an exercise each: both passes are
 * recorded, whichever page reloads. Each page's store is stale when it
 * writes, so only a write that reloads and merges keeps the other's pass.
 */
import { expect, test } from '@jupyterlab/galata';
import { Page } from '@playwright/test';

import { passExercise, waitForLab, waitUntilStored } from './pass-exercise';

test.use({ autoGoto: true, mockSettings: false });

async function expectBothRecorded(page: Page): Promise<void> {
  const roadmap = page.locator('#jp-bytementor-roadmap');
  await expect(roadmap.locator('[data-lab="pandas-essentials"]')).toContainText(
    '1/5 exercises'
  );
  await expect(
    roadmap.locator('[data-lab="logistic-regression"]')
  ).toContainText('1/6 exercises');
}

test('an exercise passed in each of two pages: both recorded after a reload of either', async ({
  page
}) => {
  const other = await page.context().newPage();
  await other.goto(page.url());
  await waitForLab(other);

  // Both pages are open before either pass: each knows no other progress.
  await passExercise(page, 'pandas-essentials', 'filter-rows');
  await passExercise(other, 'logistic-regression', 'sigmoid');
  await waitUntilStored(other, 'logistic-regression', 'sigmoid');

  await other.reload({ waitForIsReady: false });
  await waitForLab(other);
  await expectBothRecorded(other);

  await page.reload({ waitForIsReady: false });
  await waitForLab(page);
  await expectBothRecorded(page);
  await other.close();
});

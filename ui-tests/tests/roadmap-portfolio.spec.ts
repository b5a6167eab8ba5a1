/**
 * The Stage 5 portfolio tracker keeps its projects with the progress records.
 */
import { expect, test } from '@jupyterlab/galata';

test.use({ autoGoto: true, mockSettings: false });

test('a portfolio project is saved with the progress and back after a reload', async ({
  page
}) => {
  const roadmap = page.locator('#jp-bytementor-roadmap');
  const tracker = roadmap.locator('[data-lab="portfolio"]');
  await tracker.locator('button').first().click();
  const project = tracker.locator('[data-slot="project-2"]');
  await project.locator('[data-field="name"]').fill('Ticket triage with RAG');
  await project
    .locator('[data-field="repository"]')
    .fill('https://github.com/learner/triage');
  await project.locator('[data-check="readme"]').check();
  await project.locator('[data-check="tests"]').check();
  await expect(tracker).toContainText('2/8 checklist items');

  // The last write has reached the server before the page goes away.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const base = (window as any).jupyterapp.serviceManager.serverSettings
          .baseUrl;
        const reply = await fetch(
          `${base}lab/api/settings/jupyterlab-bytementor:progress`
        );
        const portfolio = (await reply.json()).settings.portfolio ?? {};
        return portfolio['project-2']?.checks ?? {};
      })
    )
    .toEqual({ readme: true, tests: true });
  await page.reload({ waitForIsReady: false });
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  await expect(tracker).toContainText('2/8 checklist items');
  await tracker.locator('button').first().click();
  await expect(project.locator('[data-field="name"]')).toHaveValue(
    'Ticket triage with RAG'
  );
  await expect(project.locator('[data-field="repository"]')).toHaveValue(
    'https://github.com/learner/triage'
  );
  await expect(project.locator('[data-check="tests"]')).toBeChecked();
  await expect(project.locator('[data-check="evaluation"]')).not.toBeChecked();
});

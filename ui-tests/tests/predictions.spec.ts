/**
 * Predict first, in real Chromium, on the fixture lab `ui-predictions`
 * (ui-tests/fixtures): reveal cells stay hidden and empty until the learner
 * commits; a committed prediction is judged, shown, kept across a reload and
 * cannot be changed; numbers count within their tolerance; the keyboard is
 * enough.
 */
import { expect, test } from '@jupyterlab/galata';
import { Locator, Page } from '@playwright/test';

const LAB_ID = 'ui-predictions';

// Progress is really saved, so a reload must find the prediction.
test.use({ autoGoto: true, mockSettings: false });

async function openLab(page: Page): Promise<void> {
  await page
    .locator(
      `#jp-bytementor-roadmap [data-lab="${LAB_ID}"] .jp-bytementor-Roadmap-labButton`
    )
    .click();
  await page.waitForSelector('.jp-NotebookPanel .jp-bytementor-Prediction');
}

function form(page: Page, exercise: string): Locator {
  return page.locator(
    `.jp-NotebookPanel .jp-bytementor-Prediction[data-exercise="${exercise}"]`
  );
}

/** Rendered markdown holding `text` (the cell's editor holds it too). */
function rendered(page: Page, text: string): Locator {
  return page.locator('.jp-NotebookPanel .jp-RenderedMarkdown', {
    hasText: text
  });
}

/** The source of each cell with `id`, as the notebook model holds it. */
async function sources(page: Page, ids: string[]): Promise<string[]> {
  return page.evaluate(ids => {
    const model = (window as any).jupyterapp.shell.currentWidget.content.model;
    const all = [...Array(model.cells.length).keys()].map(i =>
      model.cells.get(i)
    );
    return ids.map(
      id => all.find((c: any) => c.id === id)?.sharedModel.getSource() ?? null
    );
  }, ids);
}

test('a wrong choice is shown as wrong, opens the reveals and stays committed', async ({
  page
}) => {
  await openLab(page);
  const choice = form(page, 'guess-choice');

  // Before the commit the reveal cells are hidden and hold nothing to run.
  expect(await sources(page, ['choice-why', 'choice-code'])).toEqual(['', '']);
  await expect(
    page.locator('.jp-NotebookPanel .jp-Cell.jp-mod-withheld')
  ).toHaveCount(5);
  await expect(rendered(page, 'It is 4: two twos.')).toHaveCount(0);
  await expect(choice.getByRole('button', { name: 'Commit' })).toBeDisabled();
  // A prediction-only exercise has nothing to check.
  await expect(
    page.locator('.jp-bytementor-Verdict[data-exercise="guess-choice"]')
  ).toHaveCount(0);

  await choice.getByLabel('A. 2').check();
  await choice.getByRole('button', { name: 'Commit prediction' }).click();
  await expect(choice).toHaveClass(/jp-mod-wrong/);
  await expect(choice).toContainText(
    'Not this time: you predicted A (2); the answer is B (4).'
  );
  // The reveals open: text to read, code to run.
  await expect(rendered(page, 'It is 4: two twos.')).toBeVisible();
  expect(await sources(page, ['choice-code'])).toEqual([
    "print('revealed code ran')"
  ]);
  await expect(
    page.locator('.jp-NotebookPanel .jp-Cell.jp-mod-withheld')
  ).toHaveCount(3);
  // Committing is what a prediction-only exercise asks: it counts as done.
  await expect(
    page.locator(`#jp-bytementor-roadmap [data-lab="${LAB_ID}"]`)
  ).toContainText('1/4 exercises');
  await page.screenshot({
    path: test.info().outputPath('prediction-wrong.png')
  });

  // After a reload: the prediction is still there and cannot be changed.
  await page.reload({ waitForIsReady: false });
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  await openLab(page);
  const again = form(page, 'guess-choice');
  await expect(again).toContainText('you predicted A (2)');
  await expect(again.getByLabel('A. 2')).toBeChecked();
  for (const label of ['A. 2', 'B. 4', 'C. 8']) {
    await expect(again.getByLabel(label)).toBeDisabled();
  }
  await expect(
    again.getByRole('button', { name: 'Commit prediction' })
  ).toBeHidden();
  await expect(rendered(page, 'It is 4: two twos.')).toBeVisible();
  // The roadmap counts it: one prediction made, none right.
  await expect(
    page.locator('#jp-bytementor-roadmap .jp-bytementor-Roadmap-calibration')
  ).toContainText('Predictions: 0 of 1 right');
});

test('a number counts within its tolerance and not outside it', async ({
  page
}) => {
  await openLab(page);
  const inside = form(page, 'guess-inside');
  await inside.getByLabel('Your predicted value').fill('22');
  await inside.getByRole('button', { name: 'Commit prediction' }).click();
  await expect(inside).toHaveClass(/jp-mod-right/);
  await expect(inside).toContainText(
    'Right: you predicted 22 components; the answer is 21 components (within 2).'
  );
  await expect(rendered(page, '21 components.')).toBeVisible();

  const outside = form(page, 'guess-outside');
  await outside.getByLabel('Your predicted value').fill('0,8');
  await outside.getByRole('button', { name: 'Commit prediction' }).click();
  await expect(outside).toHaveClass(/jp-mod-wrong/);
  await expect(outside).toContainText(
    'Not this time: you predicted 0.8; the answer is 0.9 (you needed to be within 0.05).'
  );
  await page.screenshot({
    path: test.info().outputPath('prediction-numbers.png')
  });
});

test('a prediction can be made with the keyboard alone', async ({ page }) => {
  await openLab(page);
  const keys = form(page, 'guess-keys');
  // Focus the first choice (no click), then arrows pick, Tab reaches the
  // button and Enter commits.
  await keys.getByLabel('A. B').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(keys.getByLabel('B. A')).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(
    keys.getByRole('button', { name: 'Commit prediction' })
  ).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(keys).toHaveClass(/jp-mod-right/);
  await expect(keys).toContainText('Right: you predicted B (A).');
  await expect(rendered(page, 'A comes first.')).toBeVisible();
});

test('an upgrade keeps the committed predictions and their reveals', async ({
  page
}) => {
  // Committed (now or by an earlier test: the first commit stands), and the
  // copy made to look like an older release's.
  await page.evaluate(async labId => {
    const app = (window as any).jupyterapp;
    const base = app.serviceManager.serverSettings.baseUrl;
    const { path } = await (
      await fetch(`${base}bytementor/labs/${labId}/open`, { method: 'POST' })
    ).json();
    await fetch(`${base}bytementor/labs/${labId}/predictions/guess-choice`, {
      method: 'POST',
      body: JSON.stringify({ given: 0 })
    });
    const model = await app.serviceManager.contents.get(path);
    model.content.metadata.bytementor.lab.version = '0.9.0';
    await app.serviceManager.contents.save(path, {
      type: 'notebook',
      format: 'json',
      content: model.content
    });
  }, LAB_ID);
  await page.reload({ waitForIsReady: false });
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  await openLab(page);
  const banner = page.locator('.jp-NotebookPanel .jp-bytementor-LabBanner');
  await banner.getByRole('button', { name: 'Upgrade' }).click();
  await page
    .locator('.jp-Dialog')
    .getByRole('button', { name: 'Upgrade' })
    .click();
  await expect(banner).toHaveCount(0);

  await expect(form(page, 'guess-choice')).toHaveClass(/jp-mod-committed/);
  await expect(form(page, 'guess-inside')).toHaveCount(1);
  await expect(rendered(page, 'It is 4: two twos.')).toBeVisible();
  const [why] = await sources(page, ['choice-why']);
  expect(why).toContain('It is 4');
});

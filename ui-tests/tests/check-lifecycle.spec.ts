/**
 * The life of a verdict in real Chromium: it goes stale when the answer
 * changes, "Check all" summarises every exercise at the top of the
 * notebook, and hints open one at a time and are recorded.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

import { LAB_ID, openLab } from './checks-lab';

test.use({ autoGoto: true, mockSettings: false });

/** Replace the answer of `exercise` in the open notebook. */
async function setAnswer(
  page: IJupyterLabPageFixture,
  exercise: string,
  source: string
) {
  await page.evaluate(
    ([exercise, source]) => {
      const cells = (window as any).jupyterapp.shell.currentWidget.content.model
        .cells;
      for (let i = 0; i < cells.length; i++) {
        const meta = cells.get(i).getMetadata('bytementor');
        if (meta?.role === 'learner' && meta?.exercise === exercise) {
          cells.get(i).sharedModel.setSource(source);
        }
      }
    },
    [exercise, source]
  );
}

test('a verdict goes stale on an edit, and check all summarises', async ({
  page
}) => {
  await openLab(page);
  const addOne = page.locator(
    '.jp-bytementor-Verdict[data-exercise="add-one"]'
  );
  await setAnswer(page, 'add-one', 'def add_one(x):\n    return x + 1');
  await addOne.locator('.jp-bytementor-Verdict-check').click();
  await expect(addOne).toHaveClass(/jp-mod-passed/);
  await expect(addOne).not.toHaveClass(/jp-mod-stale/);

  await setAnswer(page, 'add-one', 'def add_one(x):\n    return x + 2');
  await expect(addOne).toHaveClass(/jp-mod-stale/);
  await expect(addOne).toContainText('You changed your answer');

  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('bytementor:check-all')
  );
  const summary = page.locator('.jp-bytementor-CheckSummary');
  await expect(summary).toContainText('Check all: 0 of 2 exercises pass.');
  await expect(summary.locator('[data-exercise="add-one"]')).toHaveClass(
    /jp-mod-failed/
  );
  // The second exercise is still the released stub: its test fails.
  await expect(summary.locator('[data-exercise="double"]')).toContainText(
    'double(3) is 6'
  );
  await expect(addOne).not.toHaveClass(/jp-mod-stale/);
  await page.screenshot({
    path: test.info().outputPath('check-all-summary.png')
  });
});

test('hints open one at a time and are recorded', async ({ page }) => {
  await openLab(page);
  const footer = page.locator(
    '.jp-bytementor-Verdict[data-exercise="add-one"]'
  );
  const hints = page.locator('.jp-bytementor-Cell.jp-mod-role-hint');
  const open = hints.filter({ hasNot: page.locator('.jp-InputPlaceholder') });
  await expect(open).toHaveCount(0);

  await footer.getByRole('button', { name: 'Show hint 1 of 2' }).click();
  await expect(open).toHaveCount(1);
  await expect(open.first()).toContainText('Use the + operator');
  await footer.getByRole('button', { name: 'Show hint 2 of 2' }).click();
  await expect(open).toHaveCount(2);
  await expect(footer.locator('.jp-bytementor-Verdict-hint')).toBeHidden();

  await expect
    .poll(() =>
      page.evaluate(async lab => {
        const registry = await (window as any).galata.getPlugin(
          '@jupyterlab/apputils-extension:settings'
        );
        const settings = await registry.load('jupyterlab-bytementor:progress');
        const labs = settings.get('labs').composite ?? {};
        return labs[lab]?.exercises?.['add-one']?.hintsUsed;
      }, LAB_ID)
    )
    .toBe(2);
});

test('verify in a clean kernel reports each exercise', async ({ page }) => {
  await openLab(page);
  await setAnswer(page, 'add-one', 'def add_one(x):\n    return x + 1');
  await page
    .locator(
      '.jp-NotebookPanel-toolbar [data-command="bytementor:verify-clean"]'
    )
    .click();
  const summary = page.locator('.jp-bytementor-CheckSummary');
  await expect(summary).toContainText(
    'In a clean kernel, 1 of 2 exercises pass'
  );
  await expect(summary.locator('[data-exercise="add-one"]')).toHaveClass(
    /jp-mod-passed/
  );
  await expect(summary.locator('[data-exercise="double"]')).toHaveClass(
    /jp-mod-failed/
  );
  await page.screenshot({ path: test.info().outputPath('verify-clean.png') });
});

test('a lab beside a plain notebook keeps its own Check answer', async ({
  page,
  tmpPath
}) => {
  const plain = `${tmpPath}/plain.ipynb`;
  await page.contents.uploadContent(
    JSON.stringify({
      cells: [],
      // A kernel of its own, so no "Select Kernel" dialog comes up.
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3 (ipykernel)',
          language: 'python'
        }
      },
      nbformat: 4,
      nbformat_minor: 5
    }),
    'text',
    plain
  );
  // Room for two toolbars side by side, neither folding its buttons away.
  await page.setViewportSize({ width: 1920, height: 900 });
  await openLab(page);
  await page.evaluate(async path => {
    await (window as any).jupyterapp.commands.execute('docmanager:open', {
      path,
      options: { mode: 'split-right' }
    });
  }, plain);
  const lab = page.locator('.jp-NotebookPanel', {
    has: page.locator('.jp-bytementor-Verdict')
  });
  const other = page.locator('.jp-NotebookPanel', {
    hasNot: page.locator('.jp-bytementor-Verdict')
  });
  await other.locator('.jp-Notebook').click();
  const check = (panel: typeof lab) =>
    panel.locator(
      '.jp-NotebookPanel-toolbar [data-command="bytementor:check-answer"]'
    );
  // The plain notebook is current: its toolbar has no check, the lab's does,
  // and that one checks the lab.
  await expect(check(other)).toBeHidden();
  await expect(check(lab)).toBeVisible();
  await check(lab).click();
  // The copy keeps answers earlier tests saved: count the lab's exercises.
  await expect(lab.locator('.jp-bytementor-CheckSummary')).toContainText(
    /Check all: \d of 2 exercises pass\./
  );
});

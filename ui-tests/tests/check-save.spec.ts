/**
 * A check saves the notebook first, but never over newer work on disk: with
 * the lab open in two tabs, the other tab's saved answer must survive.
 */
import { expect, test } from '@jupyterlab/galata';

const LAB_ID = 'calculus';

test.use({ autoGoto: true, mockSettings: false });

test('a check does not save over a notebook changed on disk', async ({
  page
}) => {
  await page
    .locator(
      `#jp-bytementor-roadmap [data-lab="${LAB_ID}"] .jp-bytementor-Roadmap-labButton`
    )
    .click();
  await page.waitForSelector('.jp-NotebookPanel .jp-bytementor-Cell');

  // "Another tab" saves its answer to disk.
  const path = await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    const path = app.shell.currentWidget.context.path;
    const model = await app.serviceManager.contents.get(path);
    const answer = model.content.cells.find(
      (c: any) => c.metadata.bytementor?.role === 'learner'
    );
    answer.source = '# saved from the other tab';
    await new Promise(resolve => setTimeout(resolve, 1100));
    await app.serviceManager.contents.save(path, {
      type: 'notebook',
      format: 'json',
      content: model.content
    });
    return path;
  });

  // This tab, which has not reloaded, edits and checks.
  const answerIndex = await page.evaluate(() => {
    const cells = (window as any).jupyterapp.shell.currentWidget.content.model
      .cells;
    for (let i = 0; i < cells.length; i++) {
      if (cells.get(i).getMetadata('bytementor')?.role === 'learner') {
        return i;
      }
    }
    return -1;
  });
  const answer = page.locator('.jp-Notebook .jp-Cell').nth(answerIndex);
  await answer.locator('.jp-InputArea-editor').click();
  await page.keyboard.press('End');
  await page.keyboard.type('  # edited in this tab');
  await page
    .locator(
      '.jp-NotebookPanel-toolbar [data-command="bytementor:check-answer"]'
    )
    .click();
  await expect(page.locator('.jp-bytementor-Verdict').first()).toHaveClass(
    /jp-mod-(failed|passed|problem)/
  );
  // No "Overwrite?" dialog, and the other tab's work is still on disk.
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);
  const onDisk = await page.evaluate(
    p => (window as any).jupyterapp.serviceManager.contents.get(p),
    path
  );
  const sources = onDisk.content.cells.map((c: any) =>
    Array.isArray(c.source) ? c.source.join('') : c.source
  );
  expect(sources).toContain('# saved from the other tab');
});

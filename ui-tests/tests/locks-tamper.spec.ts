/**
 * A lab notebook edited on disk before it is opened: a test weakened to
 * `pass`, another deleted. The learner is told, the tests come back, and a
 * check still fails the unanswered stub.
 */
import { expect, test } from '@jupyterlab/galata';

const LAB_ID = 'ui-locks';

test.use({ autoGoto: true, mockSettings: false });

test('tests edited on disk are reported, restored, and still fail the stub', async ({
  page
}) => {
  const released = await page.evaluate(async labId => {
    const app = (window as any).jupyterapp;
    const base = app.serviceManager.serverSettings.baseUrl;
    const { path } = await (
      await fetch(`${base}bytementor/labs/${labId}/open`, { method: 'POST' })
    ).json();
    const model = await app.serviceManager.contents.get(path);
    const cells = model.content.cells;
    const original = cells.map((c: any) => ({
      id: c.id,
      source: Array.isArray(c.source) ? c.source.join('') : c.source
    }));
    cells.find((c: any) => c.id === 'double-test').source = 'pass';
    model.content.cells = cells.filter(
      (c: any) => c.id !== 'double-test-negative'
    );
    await app.serviceManager.contents.save(path, {
      type: 'notebook',
      format: 'json',
      content: model.content
    });
    return original;
  }, LAB_ID);

  await page
    .locator(
      `#jp-bytementor-roadmap [data-lab="${LAB_ID}"] .jp-bytementor-Roadmap-labButton`
    )
    .click();
  await page.waitForSelector('.jp-NotebookPanel .jp-bytementor-Cell');

  // Told, in words that name the tests and what happened to them.
  const toast = page.locator('.Toastify__toast', {
    hasText: 'locked cells had been altered'
  });
  await expect(toast).toContainText('“double of two” changed');
  await expect(toast).toContainText('“double of a negative” deleted');

  // Restored, in place, with their released source.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const nb = (window as any).jupyterapp.shell.currentWidget.content;
        return nb.model.sharedModel.cells.map((c: any) => ({
          id: c.id,
          source: c.getSource()
        }));
      })
    )
    .toEqual(released);

  // The stub is unanswered: the check fails it.
  await page
    .locator(
      '.jp-NotebookPanel-toolbar [data-command="bytementor:check-answer"]'
    )
    .click();
  await expect(page.locator('.jp-bytementor-Verdict').first()).toHaveClass(
    /jp-mod-failed/
  );
});

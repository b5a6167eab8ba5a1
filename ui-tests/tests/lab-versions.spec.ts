/**
 * Lab versions in real Chromium: a copy of an older release is offered an
 * upgrade from the notebook and from the roadmap, and the upgrade keeps the
 * learner's answer; a copy of a lab the course no longer has opens with a note.
 */
import { expect, test } from '@jupyterlab/galata';
import { Page } from '@playwright/test';

// Lab copies live at the server root, shared by every test of the run: use a
// lab no other spec opens, and remove what a test wrote when it ends.
const LAB_ID = 'linear-algebra';
const COPY = `bytementor-labs/${LAB_ID}.ipynb`;
const BACKUP = `bytementor-labs/${LAB_ID}.v0.9.0.backup.ipynb`;
const MY_ANSWER = '# my own answer, kept across upgrades';

test.use({ autoGoto: true, mockSettings: false });

test.afterEach(async ({ page }) => {
  await page.evaluate(
    async paths => {
      const contents = (window as any).jupyterapp.serviceManager.contents;
      for (const path of paths) {
        await contents.delete(path).catch(() => undefined);
      }
    },
    [COPY, BACKUP, 'retired.ipynb']
  );
});

/**
 * Create the learner's copy through the server, then rewrite it on disk as
 * an older release would have left it: another version and, in the first
 * answer cell, the learner's own words.
 */
async function makeOldCopy(
  page: Page,
  labId: string,
  version: string
): Promise<number> {
  return page.evaluate(
    async ([labId, version, answer]) => {
      const app = (window as any).jupyterapp;
      // The Galata server needs no token and no XSRF header.
      const base = app.serviceManager.serverSettings.baseUrl;
      const reply = await fetch(`${base}bytementor/labs/${labId}/open`, {
        method: 'POST'
      });
      const { path } = await reply.json();
      const model = await app.serviceManager.contents.get(path);
      const nb = model.content;
      nb.metadata.bytementor.lab.version = version;
      const learner = nb.cells.find(
        (c: any) => c.metadata.bytementor?.role === 'learner'
      );
      learner.source = answer;
      await app.serviceManager.contents.save(path, {
        type: 'notebook',
        format: 'json',
        content: nb
      });
      return nb.cells.length as number;
    },
    [labId, version, MY_ANSWER]
  );
}

test('an old copy is offered an upgrade that keeps the answers', async ({
  page
}) => {
  const cellCount = await makeOldCopy(page, LAB_ID, '0.9.0');
  await page.reload({ waitForIsReady: false });
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });

  // The roadmap offers the upgrade...
  const entry = page.locator(`#jp-bytementor-roadmap [data-lab="${LAB_ID}"]`);
  await expect(entry.locator('.jp-bytementor-Roadmap-update')).toContainText(
    'New version 1.0.0'
  );

  // ...and so does the notebook, once opened.
  await entry.locator('.jp-bytementor-Roadmap-labButton').click();
  const banner = page.locator('.jp-NotebookPanel .jp-bytementor-LabBanner');
  await expect(banner).toContainText('yours is 0.9.0');
  await page.screenshot({
    path: test.info().outputPath('upgrade-offered.png')
  });

  await banner.getByRole('button', { name: 'Upgrade' }).click();
  await page
    .locator('.jp-Dialog')
    .getByRole('button', { name: 'Upgrade' })
    .click();
  await expect(page.locator('.jp-Notification-Toast-success')).toContainText(
    'Upgraded to version 1.0.0'
  );
  await expect(banner).toHaveCount(0);
  await expect(entry.locator('.jp-bytementor-Roadmap-update')).toHaveCount(0);

  // The notebook shows the learner's answer and the current version.
  const state = await page.evaluate(() => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    const model = panel.content.model;
    const cells = [...Array(model.cells.length).keys()].map(i =>
      model.cells.get(i).sharedModel.getSource()
    );
    return {
      version: model.getMetadata('bytementor').lab.version,
      cells
    };
  });
  expect(state.version).toBe('1.0.0');
  expect(state.cells).toContain(MY_ANSWER);
  // The same lab, so the same cells: none lost, none doubled.
  expect(state.cells).toHaveLength(cellCount);
  const backup = await page.evaluate(
    path => (window as any).jupyterapp.serviceManager.contents.get(path),
    BACKUP
  );
  expect(backup.content.metadata.bytementor.lab.version).toBe('0.9.0');
  await page.screenshot({ path: test.info().outputPath('upgraded.png') });
});

test('a copy of a lab no longer in the course opens with a note', async ({
  page
}) => {
  await page.evaluate(async () => {
    const contents = (window as any).jupyterapp.serviceManager.contents;
    await contents.save('retired.ipynb', {
      type: 'notebook',
      format: 'json',
      content: {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {
          bytementor: {
            format: 1,
            lab: { id: 'retired-lab', version: '1.0.0', title: 'A retired lab' }
          }
        },
        cells: [
          {
            id: 'answer',
            cell_type: 'code',
            source: 'x = 42  # still mine',
            metadata: { bytementor: { role: 'learner', exercise: 'x' } },
            outputs: [],
            execution_count: null
          }
        ]
      }
    });
  });
  // Saved at the server root, outside the test's folder: open it by path.
  await page.evaluate(async () => {
    await (window as any).jupyterapp.commands.execute('docmanager:open', {
      path: 'retired.ipynb'
    });
  });
  await expect(
    page.locator('.jp-NotebookPanel .jp-bytementor-LabBanner.jp-mod-warning')
  ).toContainText('"A retired lab" is no longer part of the course');
  await expect(page.locator('.jp-NotebookPanel .jp-Cell')).toContainText(
    'still mine'
  );
});

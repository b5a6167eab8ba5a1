/**
 * Pass an exercise the way a learner does: open the lab from the roadmap,
 * type the author's solution, click "Check answer".
 */
import { expect } from '@jupyterlab/galata';
import { Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

const LABS = path.resolve(__dirname, '../../labs');

interface ISourceCell {
  cell_type: string;
  source: string | string[];
  metadata: { bytementor?: { role?: string; exercise?: string } };
}

/**
 * The author's solution of `exercise`, from the lab's source notebook `file`.
 */
function solution(file: string, exercise: string): string {
  const nb = JSON.parse(fs.readFileSync(file, 'utf-8'));
  const cell = (nb.cells as ISourceCell[]).find(
    c =>
      c.cell_type === 'code' &&
      c.metadata.bytementor?.role === 'learner' &&
      c.metadata.bytementor?.exercise === exercise
  )!;
  const text = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
  return text
    .split('\n')
    .filter(line => !/### (BEGIN|END) SOLUTION/.test(line))
    .join('\n');
}

export async function waitForLab(page: Page): Promise<void> {
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  await expect(page.locator('#jp-bytementor-roadmap')).toBeVisible();
}

/**
 * Open `labId` from the roadmap, type the solution of `exercise` and check it.
 */
export async function passExercise(
  page: Page,
  labId: string,
  exercise: string
): Promise<void> {
  const file = fs
    .readdirSync(LABS)
    .filter(folder => folder.startsWith('stage'))
    .map(folder => path.join(LABS, folder, `${labId}.ipynb`))
    .find(candidate => fs.existsSync(candidate))!;
  await page
    .locator(`#jp-bytementor-roadmap [data-lab="${labId}"] button`)
    .first()
    .click();
  await page.waitForSelector('.jp-NotebookPanel .jp-bytementor-Cell');
  await page
    .locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]')
    // On a narrow toolbar the indicator sits in the "More commands" popup.
    .waitFor({ state: 'attached' });
  const index = await page.evaluate(exercise => {
    const cells = (window as any).jupyterapp.shell.currentWidget.content.model
      .cells;
    for (let i = 0; i < cells.length; i++) {
      const meta = cells.get(i).getMetadata('bytementor');
      if (meta?.role === 'learner' && meta?.exercise === exercise) {
        return i;
      }
    }
    return -1;
  }, exercise);
  const cell = page.locator('.jp-Notebook .jp-Cell').nth(index);
  await cell.locator('.jp-InputArea-editor').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(solution(file, exercise));
  await page
    .locator(
      '.jp-NotebookPanel-toolbar [data-command="bytementor:check-answer"]'
    )
    .click();
  await expect(
    page.locator(`.jp-bytementor-Verdict[data-exercise="${exercise}"]`)
  ).toHaveClass(/jp-mod-passed/, { timeout: 60000 });
}

/**
 * Wait until the server's settings hold the pass of `exercise`: a check
 * records in the background, and a reload before the write lands would
 * test the reload, not the merge.
 */
export async function waitUntilStored(
  page: Page,
  labId: string,
  exercise: string
): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await page.request.get(
          'lab/api/settings/jupyterlab-bytementor:progress'
        );
        const body = await response.json();
        return Boolean(
          body.settings?.labs?.[labId]?.exercises?.[exercise]?.firstPassed
        );
      },
      { timeout: 30000 }
    )
    .toBe(true);
}

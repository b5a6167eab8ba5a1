/**
 * The UI tests' "Checks" fixture lab, opened the way a learner opens it.
 */
import { IJupyterLabPageFixture } from '@jupyterlab/galata';

export const LAB_ID = 'ui-checks';

/** Open the fixture lab from the roadmap. */
export async function openLab(page: IJupyterLabPageFixture): Promise<void> {
  await page
    .locator(
      `#jp-bytementor-roadmap [data-lab="${LAB_ID}"] .jp-bytementor-Roadmap-labButton`
    )
    .click();
  await page.waitForSelector('.jp-NotebookPanel .jp-bytementor-Verdict');
}

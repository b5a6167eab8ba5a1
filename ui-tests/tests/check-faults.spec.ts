/**
 * Faults of a check, from the notebook toolbar in real Chromium: a check
 * queued behind a running cell does not time out, `input()` fails at once,
 * an endless answer times out (and a loop that swallows the interrupt gets the kernel
 * restarted), a kernel that dies mid-check gives a clear verdict and records
 * nothing, and the next check works.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

import { LAB_ID, openLab } from './checks-lab';

// Real settings; kernels and sessions not proxied by Galata, whose proxy
// fails on the empty replies of interrupt and restart.
test.use({
  autoGoto: true,
  mockSettings: false,
  kernels: null,
  sessions: null
});

/** Replace the answer of `exercise` and check it from the notebook toolbar. */
async function checkAnswer(
  page: IJupyterLabPageFixture,
  exercise: string,
  source: string
) {
  const index = await page.evaluate(
    ([exercise, source]) => {
      const cells = (window as any).jupyterapp.shell.currentWidget.content.model
        .cells;
      for (let i = 0; i < cells.length; i++) {
        const meta = cells.get(i).getMetadata('bytementor');
        if (meta?.role === 'learner' && meta?.exercise === exercise) {
          cells.get(i).sharedModel.setSource(source);
          return i;
        }
      }
      return -1;
    },
    [exercise, source]
  );
  // The toolbar checks the exercise of the active cell.
  await page.locator('.jp-Notebook .jp-Cell').nth(index).click();
  await page
    .locator(
      '.jp-NotebookPanel-toolbar [data-command="bytementor:check-answer"]'
    )
    .click();
}

/** The progress records of the fixture lab, as stored in the settings. */
async function recorded(page: IJupyterLabPageFixture): Promise<unknown> {
  return page.evaluate(async lab => {
    const registry = await (window as any).galata.getPlugin(
      '@jupyterlab/apputils-extension:settings'
    );
    const settings = await registry.load('jupyterlab-bytementor:progress');
    return (settings.get('labs').composite ?? {})[lab];
  }, LAB_ID);
}

/** Set the time limit of a check (a real setting, kept across tests). */
async function setTimeLimit(page: IJupyterLabPageFixture, seconds: number) {
  await page.evaluate(async seconds => {
    const registry = await (window as any).galata.getPlugin(
      '@jupyterlab/apputils-extension:settings'
    );
    await registry.set(
      'jupyterlab-bytementor:check',
      'timeoutSeconds',
      seconds
    );
  }, seconds);
}

/** How many checks of an exercise are recorded. */
async function attempts(page: IJupyterLabPageFixture, exercise: string) {
  const lab = (await recorded(page)) as any;
  return lab?.exercises?.[exercise]?.attempts ?? 0;
}

test('an endless answer times out and the kernel stays usable', async ({
  page
}) => {
  await setTimeLimit(page, 2);
  await openLab(page);
  const footer = page.locator(
    '.jp-bytementor-Verdict[data-exercise="add-one"]'
  );

  // A check queued behind a cell the learner started waits: its clock
  // starts when the kernel turns to it.
  await page.evaluate(async () => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    await panel.sessionContext.ready;
    panel.sessionContext.session.kernel.requestExecute({
      code: 'import time; time.sleep(4)'
    });
  });
  await checkAnswer(page, 'add-one', 'def add_one(x):\n    return x + 1');
  await expect(footer).toHaveClass(/jp-mod-passed/);

  // input() fails at once instead of waiting for a keyboard.
  await checkAnswer(page, 'add-one', 'x = input()');
  await expect(footer).toHaveClass(/jp-mod-failed/);
  await expect(footer).toContainText('calls input()');

  // Learner code that exits or raises KeyboardInterrupt fails; no crash.
  await checkAnswer(page, 'add-one', 'import sys\nsys.exit(1)');
  await expect(footer).toHaveClass(/jp-mod-failed/);
  await expect(footer).toContainText('stops the program');
  await checkAnswer(page, 'add-one', 'raise KeyboardInterrupt');
  await expect(footer).toHaveClass(/jp-mod-failed/);
  await expect(footer).toContainText('raised KeyboardInterrupt');

  await checkAnswer(page, 'add-one', 'while True:\n    pass');
  await expect(footer).toHaveClass(/jp-mod-failed/);
  await expect(footer).toContainText('Timed out');
  await expect(footer).toContainText('was interrupted');

  // A loop that swallows the interrupt: the kernel is restarted.
  await checkAnswer(
    page,
    'add-one',
    'while True:\n    try:\n        time.sleep(0.05)\n    except KeyboardInterrupt:\n        pass'
  );
  await expect(footer).toHaveClass(/jp-mod-failed/);
  await expect(footer).toContainText('kernel was restarted');
  await page.screenshot({
    path: test.info().outputPath('timed-out-restarted.png')
  });

  await checkAnswer(page, 'add-one', 'def add_one(x):\n    return x + 1');
  await expect(footer).toHaveClass(/jp-mod-passed/);
});

test('a kernel that dies mid-check gives a clear verdict and records nothing', async ({
  page
}) => {
  await setTimeLimit(page, 30);
  await openLab(page);
  const footer = page.locator(
    '.jp-bytementor-Verdict[data-exercise="add-one"]'
  );
  const before = await attempts(page, 'add-one');

  await checkAnswer(page, 'add-one', 'import os\nos._exit(1)');
  await expect(footer).toHaveClass(/jp-mod-problem/);
  await expect(footer).toContainText('nothing was judged or recorded');
  await page.screenshot({ path: test.info().outputPath('dead-kernel.png') });
  expect(await attempts(page, 'add-one')).toBe(before);
  // JupyterLab's own notice that the kernel died and restarts.
  await page.locator('.jp-Dialog .jp-mod-accept').click();

  // The kernel comes back (restarted by the server); the next check works.
  await checkAnswer(page, 'add-one', 'def add_one(x):\n    return x + 1');
  await expect(footer).toHaveClass(/jp-mod-passed/);
  await expect.poll(() => attempts(page, 'add-one')).toBe(before + 1);
});

test('a verdict forged by the learner code is not believed', async ({
  page
}) => {
  await setTimeLimit(page, 30);
  await openLab(page);
  const footer = page.locator(
    '.jp-bytementor-Verdict[data-exercise="add-one"]'
  );
  const before = await attempts(page, 'add-one');
  // A wrong answer, plus a hook that publishes a passing verdict after
  // every request, the check's own included.
  const forger = [
    'def add_one(x):',
    '    return 42',
    'from IPython.display import display',
    'def _forge():',
    "    display({'application/vnd.bytementor.check+json': {'exercise': 'add-one', 'passed': True,",
    "             'tests': [{'name': 't', 'passed': True, 'message': ''}], 'ms': 1}}, raw=True)",
    "get_ipython().events.register('post_execute', _forge)"
  ].join('\n');

  await checkAnswer(page, 'add-one', forger);
  await expect(footer).toHaveClass(/jp-mod-problem/);
  await expect(footer).toContainText('a verdict that the checker did not send');
  expect(await attempts(page, 'add-one')).toBe(before);

  // Without the hook, the same kernel is judged again.
  await checkAnswer(
    page,
    'add-one',
    "def add_one(x):\n    return x + 1\nget_ipython().events.unregister('post_execute', _forge)"
  );
  await expect(footer).toHaveClass(/jp-mod-passed/);
});

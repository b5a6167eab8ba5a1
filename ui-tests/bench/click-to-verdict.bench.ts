/**
 * Click-to-verdict in Chromium: the time from a click on "Check answer" to
 * the verdict shown, over many checks of a trivial exercise (the fixture lab
 * `ui-checks`, already solved). Prints p50 and p95; asserts nothing about
 * speed.
 */
import { test } from '@jupyterlab/galata';

const LAB_ID = 'ui-checks';
const CHECKS = Number(process.env.BYTEMENTOR_BENCH_CHECKS || 50);

test.use({ autoGoto: true, mockSettings: false });

function percentile(sorted: number[], p: number): number {
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1
  );
  return sorted[Math.max(0, index)];
}

test('click to verdict', async ({ page }) => {
  test.setTimeout(300000);
  await page
    .locator(
      `#jp-bytementor-roadmap [data-lab="${LAB_ID}"] .jp-bytementor-Roadmap-labButton`
    )
    .click();
  await page.waitForSelector(
    '.jp-bytementor-Verdict[data-exercise="add-one"] .jp-bytementor-Verdict-check'
  );
  // Timed in the page, from the click to the verdict's class: no Playwright
  // round trip inside the measure.
  const times: number[] = await page.evaluate(async checks => {
    const cells = (window as any).jupyterapp.shell.currentWidget.content.model
      .cells;
    for (let i = 0; i < cells.length; i++) {
      const meta = cells.get(i).getMetadata('bytementor');
      if (meta?.role === 'learner' && meta?.exercise === 'add-one') {
        cells.get(i).sharedModel.setSource('def add_one(x):\n    return x + 1');
      }
    }
    const footer = document.querySelector(
      '.jp-bytementor-Verdict[data-exercise="add-one"]'
    ) as HTMLElement;
    const button = footer.querySelector(
      '.jp-bytementor-Verdict-check'
    ) as HTMLButtonElement;
    const verdictShown = () =>
      new Promise<void>((resolve, reject) => {
        setTimeout(
          () => reject(new Error(`no verdict: ${footer.textContent}`)),
          30000
        );
        const observer = new MutationObserver(() => {
          if (footer.classList.contains('jp-mod-passed') && !button.disabled) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(footer, { attributes: true, subtree: true });
      });
    const times: number[] = [];
    for (let i = 0; i < checks + 1; i++) {
      const shown = verdictShown();
      const start = performance.now();
      button.click();
      await shown;
      // Until the verdict is painted.
      await new Promise(requestAnimationFrame);
      times.push(performance.now() - start);
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    return times;
  }, CHECKS);
  // Where the time goes: a bare execute round trip from this page, and a
  // save of the notebook (a check saves first when the notebook is dirty).
  const parts: { [name: string]: number[] } = await page.evaluate(async () => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    const kernel = panel.sessionContext.session.kernel;
    const parts: { [name: string]: number[] } = { execute: [], save: [] };
    for (let i = 0; i < 30; i++) {
      let start = performance.now();
      await kernel.requestExecute({ code: 'pass', silent: true }).done;
      parts.execute.push(performance.now() - start);
      panel.context.model.dirty = true;
      start = performance.now();
      await panel.context.save();
      parts.save.push(performance.now() - start);
    }
    return parts;
  });
  const [first, ...rest] = times;
  const sorted = [...rest].sort((a, b) => a - b);
  const line = (label: string, ms: number) =>
    console.log(`${label.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms`);
  console.log(
    `\nclick-to-verdict in Chromium, ${rest.length} checks of a trivial exercise`
  );
  line('first check (saves, fetches)', first);
  line('p50', percentile(sorted, 50));
  line('p95', percentile(sorted, 95));
  line('max', sorted[sorted.length - 1]);
  for (const [name, values] of Object.entries(parts)) {
    const ordered = [...values].sort((a, b) => a - b);
    line(`${name} from the page, p50`, percentile(ordered, 50));
  }
  const bare = percentile(
    [...parts.execute].sort((a, b) => a - b),
    50
  );
  console.log(
    `p95 click-to-verdict / bare execute round trip: ${(percentile(sorted, 95) / bare).toFixed(1)}x`
  );
});

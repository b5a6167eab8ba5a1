/**
 * The roadmap of each learning path, in the light and the dark theme, with
 * some progress: what a learner sees, as screenshots for review.
 */
import { expect, test } from '@jupyterlab/galata';
import { Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

test.use({ autoGoto: true, mockSettings: false });

const SHOTS = process.env.BYTEMENTOR_SHOTS_DIR;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Write one plugin's user settings through the server, as the settings
 * editor would.
 */
async function putSettings(page: Page, plugin: string, value: object) {
  const status = await page.evaluate(
    async ([plugin, raw]) => {
      const base = (window as any).jupyterapp.serviceManager.serverSettings
        .baseUrl;
      const reply = await fetch(`${base}lab/api/settings/${plugin}`, {
        method: 'PUT',
        body: JSON.stringify({ raw })
      });
      return reply.status;
    },
    [plugin, JSON.stringify(value)]
  );
  expect(status).toBe(204);
}

/**
 * Passes spread over the last days: Stage 1's first lab done, two more begun.
 */
function someProgress(): object {
  const now = Date.now();
  const pass = (daysAgo: number) => ({
    firstPassed: new Date(now - daysAgo * DAY).toISOString(),
    attempts: 2,
    hintsUsed: 0
  });
  return {
    labs: {
      'numpy-essentials': {
        exercises: {
          shapes: pass(9),
          standardise: pass(8),
          masks: pass(8),
          'pairwise-distances': pass(7),
          'vectorise-loop': pass(6)
        }
      },
      'pandas-essentials': { exercises: { filter: pass(4), group: pass(3) } },
      'model-evaluation': { exercises: { 'stratified-split': pass(1) } }
    },
    portfolio: {
      'project-1': {
        name: 'Churn prediction API',
        repository: 'https://github.com/learner/churn',
        deployed: 'https://churn.example.org',
        checks: { readme: true, evaluation: true, api: true },
        updated: new Date(now - DAY).toISOString()
      }
    }
  };
}

test('the roadmap of each path, light and dark, with some progress', async ({
  page
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 2600 });
  const labs = await page.evaluate(async () => {
    const base = (window as any).jupyterapp.serviceManager.serverSettings
      .baseUrl;
    return (await (await fetch(`${base}bytementor/catalog`)).json()).labs;
  });
  // Pass real exercise ids: the first of each lab, as many as asked.
  const progress = someProgress() as any;
  for (const [labId, record] of Object.entries<any>(progress.labs)) {
    const lab = labs.find((l: any) => l.id === labId);
    const times = Object.values<any>(record.exercises);
    record.exercises = Object.fromEntries(
      lab.exercises
        .slice(0, times.length)
        .map((ex: any, i: number) => [ex.id, times[i]])
    );
  }
  await putSettings(page, 'jupyterlab-bytementor:progress', progress);
  const start = new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10);

  for (const pathId of ['beginner', 'developer-fast-track', 'ml-engineer']) {
    for (const theme of ['JupyterLab Light', 'JupyterLab Dark']) {
      await putSettings(page, 'jupyterlab-bytementor:roadmap', {
        path: pathId,
        hoursPerDay: 2.5,
        startDate: start
      });
      await putSettings(page, '@jupyterlab/apputils-extension:themes', {
        theme
      });
      await page.reload({ waitForIsReady: false });
      await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
      const roadmap = page.locator('#jp-bytementor-roadmap');
      await expect(
        roadmap.locator('.jp-bytementor-Roadmap-pathSummary')
      ).toBeVisible();
      await expect(
        roadmap.locator('[data-lab="numpy-essentials"]')
      ).toContainText('5/5 exercises');
      await expect(roadmap.locator('[data-fact="projected"]')).not.toBeEmpty();
      // Open the portfolio tracker so it is in the picture.
      await roadmap.locator('[data-lab="portfolio"] button').first().click();
      await expect(
        roadmap.locator('[data-slot="project-1"] [data-field="name"]')
      ).toHaveValue('Churn prediction API');
      const name = `roadmap-${pathId}-${theme.endsWith('Dark') ? 'dark' : 'light'}`;
      const file = testInfo.outputPath(`${name}.png`);
      await roadmap.screenshot({ path: file });
      await testInfo.attach(name, { path: file, contentType: 'image/png' });
      if (SHOTS) {
        fs.mkdirSync(SHOTS, { recursive: true });
        fs.copyFileSync(file, path.join(SHOTS, `${name}.png`));
      }
    }
  }
  // Later specs of the run start from the defaults again.
  await putSettings(page, 'jupyterlab-bytementor:roadmap', {});
  await putSettings(page, '@jupyterlab/apputils-extension:themes', {});
  await putSettings(page, 'jupyterlab-bytementor:progress', {});
});

test('a learner long on Foundations is warned, and behind their plan', async ({
  page
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 1400 });
  const labs = await page.evaluate(async () => {
    const base = (window as any).jupyterapp.serviceManager.serverSettings
      .baseUrl;
    return (await (await fetch(`${base}bytementor/catalog`)).json()).labs;
  });
  // One exercise every third day for 46 days, through three Stage 1 labs.
  const ids = ['numpy-essentials', 'pandas-essentials', 'linear-algebra'];
  const exercises = ids.flatMap(id =>
    labs
      .find((lab: any) => lab.id === id)
      .exercises.map((ex: any) => [id, ex.id])
  );
  const progress: any = { labs: {} };
  exercises.forEach(([lab, ex]: string[], i: number) => {
    progress.labs[lab] = progress.labs[lab] ?? { exercises: {} };
    progress.labs[lab].exercises[ex] = {
      firstPassed: new Date(Date.now() - (46 - 3 * i) * DAY).toISOString(),
      attempts: 1,
      hintsUsed: 0
    };
  });
  await putSettings(page, 'jupyterlab-bytementor:progress', progress);
  await putSettings(page, 'jupyterlab-bytementor:roadmap', {
    path: 'beginner',
    hoursPerDay: 2.5
  });
  await page.reload({ waitForIsReady: false });
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  const roadmap = page.locator('#jp-bytementor-roadmap');
  await expect(roadmap.locator('.jp-bytementor-Roadmap-warning')).toContainText(
    'more than 6 weeks on Foundations'
  );
  await expect(
    roadmap.locator('[data-stage="1"] [data-status]')
  ).toHaveAttribute('data-status', 'behind');
  const file = testInfo.outputPath('roadmap-beginner-behind.png');
  await roadmap.screenshot({ path: file });
  await testInfo.attach('roadmap-beginner-behind', {
    path: file,
    contentType: 'image/png'
  });
  if (SHOTS) {
    fs.copyFileSync(file, path.join(SHOTS, 'roadmap-beginner-behind.png'));
  }
  await putSettings(page, 'jupyterlab-bytementor:roadmap', {});
  await putSettings(page, 'jupyterlab-bytementor:progress', {});
});

test('the settings editor shows the progress records to read', async ({
  page
}, testInfo) => {
  await putSettings(page, 'jupyterlab-bytementor:progress', someProgress());
  await page.reload({ waitForIsReady: false });
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('settingeditor:open', {
      query: 'ByteMentor progress'
    })
  );
  const editor = page.locator('.jp-SettingsPanel');
  await expect(editor).toContainText('Progress per lab');
  await expect(editor).toContainText('Portfolio projects');
  const file = testInfo.outputPath('settings-progress.png');
  await page.screenshot({ path: file });
  await testInfo.attach('settings-progress', {
    path: file,
    contentType: 'image/png'
  });
  if (SHOTS) {
    fs.copyFileSync(file, path.join(SHOTS, 'settings-progress.png'));
  }
  await putSettings(page, 'jupyterlab-bytementor:progress', {});
});

/**
 * The roadmap as a JupyterLab citizen: a path chosen on first open, arrow
 * keys between labs, Enter opens one, commands in the palette.
 */
import { expect, test } from '@jupyterlab/galata';

test.use({ autoGoto: true, mockSettings: false });

test('choose a path, move between labs with the keyboard, open one', async ({
  page
}) => {
  const roadmap = page.locator('#jp-bytementor-roadmap');
  // No path yet: the chooser says who each path is for.
  const chooser = roadmap.locator('.jp-bytementor-Roadmap-paths');
  await expect(chooser.locator('[data-path]')).toHaveCount(3);
  await expect(chooser).toContainText('Working software engineers');
  await chooser.locator('[data-path="ml-engineer"]').click();
  await expect(
    roadmap.locator('.jp-bytementor-Roadmap-pathSummary')
  ).toContainText('ML Engineer');
  // The path decides what is optional, from the course data.
  await expect(roadmap.locator('[data-stage="1"] h3')).toContainText(
    'optional'
  );
  await expect(roadmap.locator('[data-lab="gradient-descent"]')).toContainText(
    'optional'
  );
  await expect(
    roadmap.locator('[data-lab="model-evaluation"]')
  ).not.toContainText('optional');

  // Arrow keys move through the labs of every stage.
  const buttons = roadmap.locator('.jp-bytementor-Roadmap-labButton');
  await buttons.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(buttons.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(buttons.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(buttons.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.locator('.jp-NotebookPanel .jp-bytementor-Cell').first()
  ).toBeVisible();

  // The roadmap's commands, with their labels, and changing the path.
  const labels = await page.evaluate(() => {
    const commands = (window as any).jupyterapp.commands;
    return [
      commands.label('bytementor:open-next-lab'),
      commands.label('bytementor:choose-path', { pathId: 'beginner' })
    ];
  });
  expect(labels).toEqual([
    'Continue the Course: Open the Next Lab',
    'Choose the Beginner Path'
  ]);
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('bytementor:choose-path', {
      pathId: 'beginner'
    })
  );
  await expect(
    roadmap.locator('.jp-bytementor-Roadmap-pathSummary')
  ).toContainText('Beginner');
  // More hours a day bring the planned finish forward, and stay set.
  const planned = roadmap.locator('[data-fact="planned"]');
  const before = await planned.textContent();
  await roadmap
    .locator('.jp-bytementor-Roadmap-paceInputs input[type="number"]')
    .fill('5');
  await expect(planned).not.toHaveText(before!);
  await page.reload({ waitForIsReady: false });
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  await expect(
    roadmap.locator('.jp-bytementor-Roadmap-paceInputs input[type="number"]')
  ).toHaveValue('5');
  // The launcher has a card that continues the course.
  await page.evaluate(async () => {
    await (window as any).jupyterapp.commands.execute('launcher:create');
  });
  await expect(
    page.locator('.jp-LauncherCard', { hasText: 'Continue the Course' }).last()
  ).toBeVisible();
  // Later specs of the run start with no path and the default plan again.
  await page.evaluate(async () => {
    const base = (window as any).jupyterapp.serviceManager.serverSettings
      .baseUrl;
    await fetch(`${base}lab/api/settings/jupyterlab-bytementor:roadmap`, {
      method: 'PUT',
      body: JSON.stringify({ raw: '{}' })
    });
  });
});

/**
 * The check plugin: "Check answer" in the notebook toolbar and below each
 * exercise.
 */

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  IToolbarWidgetRegistry,
  Notification
} from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import {
  checkIcon,
  codeCheckIcon,
  CommandToolbarButton
} from '@jupyterlab/ui-components';

import { Checker, CheckOutcome } from '../check/checker';
import { ExerciseFooters } from '../check/footers';
import { timeLimitMs } from '../check/protocol';
import {
  CheckSummary,
  failureDetail,
  failuresOf,
  ISummaryRow
} from '../check/summary';
import { verifyClean } from '../check/verify';
import { CommandIDs } from '../commands';
import {
  exerciseAt,
  ICellLike,
  ILabRef,
  labOf,
  lastTestCell
} from '../lab/roles';
import { IProgressStore } from '../tokens';

const PLUGIN_ID = 'jupyterlab-bytementor:check';

/**
 * Adds the check commands, the toolbar button (declared in the settings
 * schema) and the per-exercise verdict footers.
 */
export const checkPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: "Checks the learner's answers against their live kernel.",
  autoStart: true,
  requires: [INotebookTracker, IProgressStore],
  optional: [
    ISettingRegistry,
    IToolbarWidgetRegistry,
    ITranslator,
    ICommandPalette
  ],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    progress: IProgressStore,
    registry: ISettingRegistry | null,
    toolbarRegistry: IToolbarWidgetRegistry | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_bytementor');
    let timeoutSeconds = 30;
    if (registry) {
      void registry.load(PLUGIN_ID).then(
        settings => {
          const read = () => {
            timeoutSeconds = settings.get('timeoutSeconds').composite as number;
          };
          read();
          settings.changed.connect(read);
        },
        error => console.error('ByteMentor: cannot load check settings.', error)
      );
    }
    const checker = new Checker({
      trans,
      timeoutMs: () => timeLimitMs(timeoutSeconds)
    });
    const footers = new WeakMap<NotebookPanel, ExerciseFooters>();
    const summaries = new WeakMap<NotebookPanel, CheckSummary>();
    const running = new WeakSet<NotebookPanel>();
    // The cell sources last saved, to tell an edited answer from new outputs.
    const savedSources = new WeakMap<NotebookPanel, string>();

    const footersOf = (panel: NotebookPanel): ExerciseFooters => {
      let found = footers.get(panel);
      if (!found) {
        const labId = () =>
          panel.model ? (labOf(panel.model.metadata)?.id ?? null) : null;
        found = new ExerciseFooters(
          panel,
          trans,
          exercise => void checkExercises(panel, [exercise]),
          exercise => {
            const lab = labId();
            return lab
              ? progress.progress[lab]?.exercises[exercise]?.firstPassed
              : undefined;
          },
          (exercise, shown) => {
            const lab = labId();
            if (lab) {
              void progress.recordHint(lab, exercise, shown);
            }
          }
        );
        footers.set(panel, found);
        panel.disposed.connect(() => found!.dispose());
      }
      return found;
    };

    const summaryOf = (panel: NotebookPanel): CheckSummary => {
      let found = summaries.get(panel);
      if (!found) {
        found = new CheckSummary(trans, exercise => {
          footersOf(panel).footer(exercise)?.node.scrollIntoView({
            block: 'center'
          });
        });
        panel.contentHeader.addWidget(found);
        summaries.set(panel, found);
      }
      return found;
    };

    /**
     * The lab of a notebook, or `null` after telling the learner why a
     * ByteMentor action has nothing to do there.
     */
    const labToWorkOn = (panel: NotebookPanel): ILabRef | null => {
      const lab = panel.model ? labOf(panel.model.metadata) : null;
      if (!lab) {
        Notification.info(
          trans.__(
            'This notebook is not a ByteMentor lab, so there is nothing to check. Open a lab from the roadmap.'
          )
        );
        return null;
      }
      if (running.has(panel)) {
        Notification.info(
          trans.__('A check is already running in this notebook.')
        );
        return null;
      }
      return lab;
    };

    const checkExercises = async (
      panel: NotebookPanel,
      exercises: string[]
    ) => {
      const lab = labToWorkOn(panel);
      if (!lab) {
        return;
      }
      running.add(panel);
      // Several verdicts, most of them off screen: summarise them on top.
      const summary = exercises.length > 1 ? summaryOf(panel) : null;
      const rows: ISummaryRow[] = exercises.map(exercise => ({
        exercise,
        title: titleOf(lab, exercise),
        state: 'pending',
        detail: ''
      }));
      const checking = trans.__('Checking every exercise of "%1"…', lab.title);
      try {
        // Saving goes on while the check runs; a verdict is recorded only
        // once the answer it was earned with is saved.
        const saved = saveFirst(panel);
        const list = footersOf(panel);
        list.update();
        for (const [index, exercise] of exercises.entries()) {
          const footer = list.footer(exercise);
          footer?.showRunning();
          rows[index] = { ...rows[index], state: 'running' };
          summary?.render(checking, rows);
          const outcome = await checker.check(panel, lab, exercise);
          footer?.showOutcome(outcome);
          if (!summary) {
            // The verdict sits below the exercise's tests, often off screen
            // when the check was asked for from the toolbar.
            footer?.node.scrollIntoView({ block: 'nearest' });
          }
          rows[index] = rowOf(rows[index], outcome);
          await saved;
          if (outcome.kind === 'verdict') {
            // The store saves in order and retries on its own: the next
            // check need not wait for the settings write.
            void progress.recordCheck(lab.id, exercise, outcome.result.passed);
          } else if (!footer && !summary) {
            Notification.warning(outcome.message);
          }
        }
        summary?.render(
          trans.__(
            'Check all: %1 of %2 exercises pass.',
            rows.filter(row => row.state === 'passed').length,
            rows.length
          ),
          rows
        );
      } catch (error) {
        console.error('ByteMentor: check failed.', error);
        const message = trans.__(
          'The check could not finish: %1',
          (error as Error).message
        );
        Notification.error(message);
        // No footer is left on "Checking…".
        for (const exercise of exercises) {
          const footer = footers.get(panel)?.footer(exercise);
          if (footer?.hasClass('jp-mod-running')) {
            footer.showOutcome({ kind: 'problem', message });
          }
        }
      } finally {
        running.delete(panel);
      }
    };

    /**
     * One summary row from a check's outcome.
     */
    const rowOf = (row: ISummaryRow, outcome: CheckOutcome): ISummaryRow => {
      if (outcome.kind === 'problem') {
        return { ...row, state: 'problem', detail: outcome.message };
      }
      const failing = outcome.result.tests.filter(test => !test.passed);
      return {
        ...row,
        state: outcome.result.passed ? 'passed' : 'failed',
        detail: outcome.result.passed
          ? trans.__('passed')
          : failureDetail(failing, trans)
      };
    };

    const verifyInCleanKernel = async (panel: NotebookPanel) => {
      const lab = labToWorkOn(panel);
      if (!lab) {
        return;
      }
      running.add(panel);
      const summary = summaryOf(panel);
      const exercises = checkable(cellsOf(panel), lab);
      const pending: ISummaryRow[] = exercises.map(exercise => ({
        exercise,
        title: titleOf(lab, exercise),
        state: 'running',
        detail: ''
      }));
      try {
        await saveFirst(panel);
        summary.render(
          trans.__(
            'Running your saved notebook top to bottom in a clean kernel…'
          ),
          pending
        );
        const run = await verifyClean(lab.id, panel.context.path);
        const rows = run.exercises.map((result): ISummaryRow => ({
          exercise: result.exercise,
          title: titleOf(lab, result.exercise),
          state: result.problem
            ? 'problem'
            : result.passed
              ? 'passed'
              : 'failed',
          detail:
            result.problem ??
            (result.passed
              ? trans.__('passed')
              : failureDetail(failuresOf(result.messages), trans))
        }));
        summary.render(
          trans.__(
            'In a clean kernel, %1 of %2 exercises pass (your saved notebook, run top to bottom with the course tests; nothing recorded).',
            rows.filter(row => row.state === 'passed').length,
            rows.length
          ),
          rows
        );
      } catch (error) {
        console.error('ByteMentor: clean-kernel run failed.', error);
        summary.render(
          trans.__(
            'The clean-kernel run could not be done: %1',
            (error as Error).message
          ),
          []
        );
      } finally {
        running.delete(panel);
      }
    };

    // A pass is recorded at once: save the answer it was earned with, so a
    // reload never shows "passed" above an answer that is gone.
    const saveFirst = async (panel: NotebookPanel) => {
      const { context } = panel;
      if (
        !context.model.dirty ||
        context.model.readOnly ||
        sourcesOf(panel) === savedSources.get(panel)
      ) {
        // Nothing but outputs changed (the last check's, say): the answer
        // on disk is the one checked.
        return;
      }
      try {
        // Never save over newer work on disk (the lab open in another tab):
        // JupyterLab would ask "Overwrite?", and a yes would lose that work.
        const onDisk = await app.serviceManager.contents.get(context.path, {
          content: false
        });
        const known = context.contentsModel?.last_modified;
        if (known && onDisk.last_modified !== known) {
          Notification.warning(
            trans.__(
              'This notebook changed on disk since you opened it (in another tab?), so the check did not save it. It checks what you see; use File → Reload Notebook from Disk or save it yourself.'
            ),
            { autoClose: 10000 }
          );
          return;
        }
        await context.save();
      } catch (error) {
        console.error('ByteMentor: cannot save before a check.', error);
        Notification.warning(
          trans.__(
            'Your notebook could not be saved (%1). The check runs on what you see; save it yourself to keep your answer.',
            (error as Error).message
          )
        );
      }
    };

    // A toolbar button names its own notebook (`panel`: the panel's id): it
    // shows and acts on that notebook, not on whichever notebook is current.
    const panelFor = (args: ReadonlyPartialJSONObject) =>
      tracker.find(panel => panel.id === args.panel) ?? tracker.currentWidget;
    const isLab = (args: ReadonlyPartialJSONObject) => {
      const model = panelFor(args)?.model;
      return !!model && labOf(model.metadata) !== null;
    };

    app.commands.addCommand(CommandIDs.checkAnswer, {
      label: trans.__('Check answer'),
      caption: trans.__(
        'Check the answer of the current exercise (or of every exercise) against your kernel'
      ),
      icon: checkIcon,
      isVisible: isLab,
      describedBy: {
        args: {
          type: 'object',
          properties: {
            exercise: {
              type: 'string',
              description:
                'The exercise id; default: the exercise of the active cell, else all'
            },
            panel: {
              type: 'string',
              description:
                'The id of the notebook panel; default: the current one'
            }
          }
        }
      },
      execute: async args => {
        const panel = panelFor(args);
        if (!panel) {
          return;
        }
        const lab = panel.model ? labOf(panel.model.metadata) : null;
        const notebook = panel.content;
        const cells = cellsOf(panel);
        const exercise =
          (args.exercise as string | undefined) ??
          exerciseAt(cells, notebook.activeCellIndex);
        await checkExercises(
          panel,
          exercise ? [exercise] : checkable(cells, lab)
        );
      }
    });

    app.commands.addCommand(CommandIDs.checkAll, {
      label: trans.__('Check all exercises'),
      isVisible: isLab,
      execute: async args => {
        const panel = panelFor(args);
        const lab = panel?.model ? labOf(panel.model.metadata) : null;
        if (panel && lab) {
          await checkExercises(panel, checkable(cellsOf(panel), lab));
        }
      }
    });

    app.commands.addCommand(CommandIDs.verifyClean, {
      label: trans.__('Verify in a clean kernel'),
      caption: trans.__(
        'Run your saved notebook top to bottom in a fresh kernel on the server, with the course tests, and report each exercise'
      ),
      icon: codeCheckIcon,
      isVisible: isLab,
      execute: async args => {
        const panel = panelFor(args);
        if (panel) {
          await verifyInCleanKernel(panel);
        }
      }
    });

    // The button is placed by the schema's `jupyter.lab.toolbars` entry; the
    // factory gives it a visible, translated label next to its icon.
    toolbarRegistry?.addFactory(
      'Notebook',
      'bytementor-check-answer',
      panel =>
        new CommandToolbarButton({
          commands: app.commands,
          id: CommandIDs.checkAnswer,
          args: { panel: panel.id },
          label: trans.__('Check answer')
        })
    );

    toolbarRegistry?.addFactory(
      'Notebook',
      'bytementor-verify-clean',
      panel =>
        new CommandToolbarButton({
          commands: app.commands,
          id: CommandIDs.verifyClean,
          args: { panel: panel.id },
          // A short label: a learner does not guess what an icon alone does.
          label: trans.__('Verify')
        })
    );
    palette?.addItem({
      command: CommandIDs.verifyClean,
      category: trans.__('ByteMentor')
    });

    tracker.widgetAdded.connect((_, panel) => {
      let saving = '';
      panel.context.saveState.connect((_, state) => {
        if (state === 'started') {
          saving = sourcesOf(panel);
        } else if (state === 'completed') {
          savedSources.set(panel, saving);
        }
      });
      void panel.context.ready.then(() => {
        savedSources.set(panel, sourcesOf(panel));
        if (panel.model && labOf(panel.model.metadata)) {
          footersOf(panel);
        }
        // The toolbar button shows only on labs: re-evaluate once the
        // notebook's metadata is known.
        app.commands.notifyCommandChanged(CommandIDs.checkAnswer);
        app.commands.notifyCommandChanged(CommandIDs.verifyClean);
      });
    });
    tracker.currentChanged.connect(() => {
      app.commands.notifyCommandChanged(CommandIDs.checkAnswer);
      app.commands.notifyCommandChanged(CommandIDs.verifyClean);
    });
  }
};

/**
 * The cells of a notebook panel as the lab-format logic reads them.
 */
function cellsOf(panel: NotebookPanel): ICellLike[] {
  return panel.content.widgets.map(cell => ({
    id: cell.model.id,
    cellType: cell.model.type,
    metadata: cell.model.metadata
  }));
}

/**
 * The cell ids and sources of a notebook, as one string to compare.
 */
function sourcesOf(panel: NotebookPanel): string {
  return JSON.stringify(
    panel.content.widgets.map(cell => [
      cell.model.id,
      cell.model.sharedModel.getSource()
    ])
  );
}

/**
 * The title of an exercise, as the lab declares it.
 */
function titleOf(lab: ILabRef, exercise: string): string {
  return lab.exercises.find(ex => ex.id === exercise)?.title ?? exercise;
}

/**
 * The exercises of `lab` that have tests in the notebook: an exercise that
 * is a prediction only has nothing to check.
 */
function checkable(cells: ICellLike[], lab: ILabRef | null): string[] {
  return (lab?.exercises ?? [])
    .map(ex => ex.id)
    .filter(exercise => lastTestCell(cells, exercise) !== null);
}

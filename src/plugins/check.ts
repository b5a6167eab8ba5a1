/**
 * The check plugin: "Check answer" in the notebook toolbar and below each
 * exercise.
 */

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IToolbarWidgetRegistry, Notification } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { checkIcon, CommandToolbarButton } from '@jupyterlab/ui-components';

import { Checker } from '../check/checker';
import { ExerciseFooters } from '../check/footers';
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
  optional: [ISettingRegistry, IToolbarWidgetRegistry, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    progress: IProgressStore,
    registry: ISettingRegistry | null,
    toolbarRegistry: IToolbarWidgetRegistry | null,
    translator: ITranslator | null
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
      timeoutMs: () => timeoutSeconds * 1000
    });
    const footers = new WeakMap<NotebookPanel, ExerciseFooters>();
    const running = new WeakSet<NotebookPanel>();

    const footersOf = (panel: NotebookPanel): ExerciseFooters => {
      let found = footers.get(panel);
      if (!found) {
        found = new ExerciseFooters(
          panel,
          trans,
          exercise => void checkExercises(panel, [exercise]),
          exercise => {
            const lab = panel.model ? labOf(panel.model.metadata) : null;
            return lab
              ? progress.progress[lab.id]?.exercises[exercise]?.firstPassed
              : undefined;
          }
        );
        footers.set(panel, found);
        panel.disposed.connect(() => found!.dispose());
      }
      return found;
    };

    const checkExercises = async (
      panel: NotebookPanel,
      exercises: string[]
    ) => {
      const lab = panel.model ? labOf(panel.model.metadata) : null;
      if (!lab) {
        Notification.info(
          trans.__(
            'This notebook is not a ByteMentor lab, so there is nothing to check. Open a lab from the roadmap.'
          )
        );
        return;
      }
      if (running.has(panel)) {
        Notification.info(
          trans.__('A check is already running in this notebook.')
        );
        return;
      }
      running.add(panel);
      await saveFirst(panel);
      const list = footersOf(panel);
      list.update();
      let passed = 0;
      try {
        for (const exercise of exercises) {
          const footer = list.footer(exercise);
          footer?.showRunning();
          const outcome = await checker.check(panel, lab, exercise);
          footer?.showOutcome(outcome);
          if (outcome.kind === 'verdict') {
            passed += outcome.result.passed ? 1 : 0;
            await progress.recordCheck(lab.id, exercise, outcome.result.passed);
          } else if (!footer) {
            Notification.warning(outcome.message);
          }
        }
        if (exercises.length > 1) {
          // Several verdicts, most of them off screen: say how it went.
          const summary = trans.__(
            '%1 of %2 exercises of "%3" pass. Each verdict is shown below its exercise.',
            passed,
            exercises.length,
            lab.title
          );
          if (passed === exercises.length) {
            Notification.success(summary, { autoClose: 6000 });
          } else {
            Notification.info(summary, { autoClose: 8000 });
          }
        }
      } catch (error) {
        console.error('ByteMentor: check failed.', error);
        Notification.error(
          trans.__('The check could not finish: %1', (error as Error).message)
        );
      } finally {
        running.delete(panel);
      }
    };

    // A pass is recorded at once: save the answer it was earned with, so a
    // reload never shows "passed" above an answer that is gone.
    const saveFirst = async (panel: NotebookPanel) => {
      const { context } = panel;
      if (!context.model.dirty || context.model.readOnly) {
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

    const isLab = () => {
      const model = tracker.currentWidget?.model;
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
            }
          }
        }
      },
      execute: async args => {
        const panel = tracker.currentWidget;
        if (!panel) {
          return;
        }
        const lab = panel.model ? labOf(panel.model.metadata) : null;
        const notebook = panel.content;
        const cells: ICellLike[] = notebook.widgets.map(cell => ({
          id: cell.model.id,
          cellType: cell.model.type,
          metadata: cell.model.metadata
        }));
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
      execute: async () => {
        const panel = tracker.currentWidget;
        const lab = panel?.model ? labOf(panel.model.metadata) : null;
        if (panel && lab) {
          const cells: ICellLike[] = panel.content.widgets.map(cell => ({
            id: cell.model.id,
            cellType: cell.model.type,
            metadata: cell.model.metadata
          }));
          await checkExercises(panel, checkable(cells, lab));
        }
      }
    });

    // The button is placed by the schema's `jupyter.lab.toolbars` entry; the
    // factory gives it a visible, translated label next to its icon.
    toolbarRegistry?.addFactory(
      'Notebook',
      'bytementor-check-answer',
      () =>
        new CommandToolbarButton({
          commands: app.commands,
          id: CommandIDs.checkAnswer,
          label: trans.__('Check answer')
        })
    );

    tracker.widgetAdded.connect((_, panel) => {
      void panel.context.ready.then(() => {
        if (panel.model && labOf(panel.model.metadata)) {
          footersOf(panel);
        }
        // The toolbar button shows only on labs: re-evaluate once the
        // notebook's metadata is known.
        app.commands.notifyCommandChanged(CommandIDs.checkAnswer);
      });
    });
    tracker.currentChanged.connect(() => {
      app.commands.notifyCommandChanged(CommandIDs.checkAnswer);
    });
  }
};

/**
 * The exercises of `lab` that have tests in the notebook: an exercise that
 * is a prediction only has nothing to check.
 */
function checkable(cells: ICellLike[], lab: ILabRef | null): string[] {
  return (lab?.exercises ?? [])
    .map(ex => ex.id)
    .filter(exercise => lastTestCell(cells, exercise) !== null);
}

/**
 * The predict plugin: prediction cells get a form; committing it records the
 * prediction (once, on the server and in the progress records) and fills in
 * the exercise's reveal cells, which the learner's copy holds empty until then.
 */

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { PanelLayout } from '@lumino/widgets';

import { IPredictionReply } from '../catalog/types';
import { decorateCell } from '../lab/decorate';
import { labOf, lastTestCell } from '../lab/roles';
import { PredictionForm } from '../predict/form';
import { questionOf } from '../predict/format';
import { ICatalogService, IProgressStore } from '../tokens';

/**
 * Prediction cells: commit once, then reveal.
 */
export const predictPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bytementor:predict',
  description:
    'Predict-first exercises: commit a prediction, then the answer is revealed.',
  autoStart: true,
  requires: [ICatalogService, IProgressStore, INotebookTracker],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    catalog: ICatalogService,
    progress: IProgressStore,
    tracker: INotebookTracker,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_bytementor');
    tracker.widgetAdded.connect((_, panel) => {
      void panel.context.ready.then(() =>
        Private.setUp(panel, catalog, progress, trans)
      );
    });
  }
};

namespace Private {
  /**
   * Put a form under each prediction cell of a lab notebook and show the
   * predictions already committed.
   */
  export async function setUp(
    panel: NotebookPanel,
    catalog: ICatalogService,
    progress: IProgressStore,
    trans: TranslationBundle
  ): Promise<void> {
    const lab = panel.model ? labOf(panel.model.metadata) : null;
    if (!lab || panel.isDisposed) {
      return;
    }
    const forms = new Map<string, PredictionForm>();
    const committed = new Map<string, IPredictionReply>();

    const show = async (reply: IPredictionReply) => {
      committed.set(reply.exercise, reply);
      forms.get(reply.exercise)?.showCommitted(reply);
      await fillReveals(panel, reply, trans);
      const recorded = progress.progress[lab.id]?.exercises[reply.exercise];
      if (!recorded?.prediction) {
        await progress.recordPrediction(lab.id, reply.exercise, {
          given: reply.given,
          correct: reply.correct,
          at: reply.at
        });
      }
      // An exercise that is a prediction only is done once it is committed.
      if (!recorded?.firstPassed && !hasTests(panel, reply.exercise)) {
        await progress.recordCheck(lab.id, reply.exercise, true);
      }
    };

    const place = () => {
      if (panel.isDisposed) {
        return;
      }
      for (const cell of panel.content.widgets) {
        const question = questionOf(cell.model.metadata);
        if (!question) {
          continue;
        }
        let form = forms.get(question.exercise);
        // A reload from disk (after an upgrade, say) disposes the old cells
        // and the forms in them.
        if (!form || form.isDisposed) {
          const exercise = question.exercise;
          form = new PredictionForm(question, trans, async given => {
            try {
              const reply = await catalog.commitPrediction(
                lab.id,
                exercise,
                given
              );
              await show(reply);
              if (reply.first === false) {
                forms
                  .get(exercise)
                  ?.showNote(
                    trans.__(
                      'This exercise already had a prediction, committed at %1 (in another tab?): that one stands.',
                      new Date(reply.at).toLocaleString()
                    )
                  );
              }
            } catch (error) {
              console.error('ByteMentor: cannot commit a prediction.', error);
              forms
                .get(exercise)
                ?.showError(
                  trans.__(
                    'Your prediction could not be recorded: %1. Nothing was saved; try again.',
                    (error as Error).message
                  )
                );
            }
          });
          forms.set(exercise, form);
          const known = committed.get(exercise);
          if (known) {
            form.showCommitted(known);
          }
        }
        if (form.parent !== cell) {
          const placed = form;
          void cell.ready.then(() => {
            if (!placed.isDisposed && !cell.isDisposed) {
              (cell.layout as PanelLayout).addWidget(placed);
            }
          });
        }
      }
    };
    place();
    panel.content.model?.cells.changed.connect(() =>
      requestAnimationFrame(place)
    );
    panel.disposed.connect(() => forms.forEach(form => form.dispose()));

    const refresh = async () => {
      try {
        const known = await catalog.predictions(lab.id);
        place();
        for (const reply of Object.values(known)) {
          await show(reply);
        }
      } catch (error) {
        // Not yet committed ones still work; committed ones show on reload.
        console.error(
          'ByteMentor: cannot load the committed predictions.',
          error
        );
      }
    };
    // Reloaded from disk (an upgrade, a revert): show what was committed again.
    panel.context.fileChanged.connect(() => void refresh());
    await refresh();
  }

  function hasTests(panel: NotebookPanel, exercise: string): boolean {
    const cells = panel.content.widgets.map(cell => ({
      id: cell.model.id,
      cellType: cell.model.type,
      metadata: cell.model.metadata
    }));
    return lastTestCell(cells, exercise) !== null;
  }

  /**
   * Write the reveal cells' sources into the notebook, outside the undo
   * history, and save it so they stay revealed.
   */
  async function fillReveals(
    panel: NotebookPanel,
    reply: IPredictionReply,
    trans: TranslationBundle
  ): Promise<void> {
    const model = panel.content.model;
    if (!model || panel.isDisposed) {
      return;
    }
    const sources = new Map(reply.reveals.map(r => [r.id, r.source]));
    let changed = false;
    model.sharedModel.transact(() => {
      for (let index = 0; index < model.cells.length; index++) {
        const cell = model.cells.get(index);
        const source = sources.get(cell.id);
        if (source !== undefined && cell.sharedModel.getSource() === '') {
          cell.sharedModel.setSource(source);
          changed = true;
        }
      }
    }, false);
    for (const cell of panel.content.widgets) {
      if (sources.has(cell.model.id)) {
        decorateCell(cell, trans);
      }
    }
    if (changed && !panel.context.model.readOnly) {
      try {
        await panel.context.save();
      } catch (error) {
        console.error('ByteMentor: cannot save the revealed cells.', error);
      }
    }
  }
}

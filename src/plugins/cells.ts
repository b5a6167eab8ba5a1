/**
 * The cells plugin: lab cells look like what they are.
 */

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { decorateCell } from '../lab/decorate';

/**
 * Marks the cells of lab notebooks with their role.
 */
export const cellsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bytementor:cells',
  description: 'Shows the role of each cell of a lab notebook.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_bytementor');
    const decorate = (panel: NotebookPanel) => {
      for (const cell of panel.content.widgets) {
        decorateCell(cell, trans);
      }
    };
    tracker.widgetAdded.connect((_, panel) => {
      let pending = false;
      const schedule = () => {
        if (!pending) {
          pending = true;
          requestAnimationFrame(() => {
            pending = false;
            if (!panel.isDisposed) {
              decorate(panel);
            }
          });
        }
      };
      void panel.context.ready.then(() => {
        decorate(panel);
        panel.content.model?.cells.changed.connect(schedule);
      });
    });
  }
};

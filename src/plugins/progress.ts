/**
 * The progress plugin: learner records in JupyterLab settings.
 */

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { PROGRESS_PLUGIN, ProgressStore } from '../services/progress';
import { IProgressStore } from '../tokens';

/**
 * Provides the progress store.
 */
export const progressPlugin: JupyterFrontEndPlugin<IProgressStore> = {
  id: PROGRESS_PLUGIN,
  description: 'Keeps the learner progress records in JupyterLab settings.',
  autoStart: true,
  requires: [ISettingRegistry],
  optional: [ITranslator],
  provides: IProgressStore,
  activate: (
    app: JupyterFrontEnd,
    registry: ISettingRegistry,
    translator: ITranslator | null
  ): IProgressStore => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_bytementor');
    return new ProgressStore(registry, trans);
  }
};

/**
 * ByteMentor Lab: the plugins of the JupyterLab extension.
 */

import { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { catalogPlugin } from './plugins/catalog';
import { cellsPlugin } from './plugins/cells';
import { checkPlugin } from './plugins/check';
import { locksPlugin } from './plugins/locks';
import { predictPlugin } from './plugins/predict';
import { progressPlugin } from './plugins/progress';
import { roadmapPlugin } from './plugins/roadmap';
import { versionsPlugin } from './plugins/versions';

const plugins: JupyterFrontEndPlugin<any>[] = [
  catalogPlugin,
  progressPlugin,
  roadmapPlugin,
  cellsPlugin,
  checkPlugin,
  predictPlugin,
  versionsPlugin,
  locksPlugin
];

export default plugins;

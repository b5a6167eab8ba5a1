/**
 * The roadmap plugin: the course in the left sidebar.
 */

import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { SidePanel, listIcon } from '@jupyterlab/ui-components';

import { CommandIDs } from '../commands';
import { RoadmapWidget } from '../roadmap/widget';
import { ICatalogService, IProgressStore } from '../tokens';

const PLUGIN_ID = 'jupyterlab-bytementor:roadmap';

/**
 * Adds the roadmap panel to the left sidebar.
 */
export const roadmapPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'The ByteMentor roadmap in the left sidebar.',
  autoStart: true,
  requires: [ICatalogService, IProgressStore],
  optional: [ILayoutRestorer, ICommandPalette, ISettingRegistry, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    catalog: ICatalogService,
    progress: IProgressStore,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    registry: ISettingRegistry | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_bytementor');
    const panel = new SidePanel({ translator: translator ?? nullTranslator });
    panel.id = 'jp-bytementor-roadmap';
    panel.title.icon = listIcon;
    panel.title.caption = trans.__('ByteMentor Roadmap');
    panel.node.setAttribute('aria-label', trans.__('ByteMentor Roadmap'));
    panel.addClass('jp-bytementor-RoadmapPanel');
    const heading = document.createElement('h2');
    heading.textContent = trans.__('ByteMentor Roadmap');
    panel.header.node.appendChild(heading);
    const content = new RoadmapWidget({
      catalog,
      progress,
      trans,
      onOpenLab: (labId, title) =>
        void app.commands.execute(CommandIDs.openLab, { labId, title }),
      onUpgradeLab: (labId, path) =>
        void app.commands.execute(CommandIDs.upgradeLab, { labId, path })
    });
    // The panel's sections: the course now; a path and pace plan later.
    content.title.label = trans.__('Course');
    panel.addWidget(content);
    app.shell.add(panel, 'left', { rank: 550 });
    restorer?.add(panel, 'bytementor-roadmap');

    app.commands.addCommand(CommandIDs.openRoadmap, {
      label: trans.__('Open ByteMentor Roadmap'),
      execute: () => app.shell.activateById(panel.id)
    });
    palette?.addItem({
      command: CommandIDs.openRoadmap,
      category: 'ByteMentor'
    });

    void Promise.all([
      app.restored,
      registry?.load(PLUGIN_ID) ?? Promise.resolve(null)
    ]).then(
      ([, settings]) => {
        if (settings?.get('openOnStart').composite !== false) {
          app.shell.activateById(panel.id);
        }
      },
      error => console.error('ByteMentor: cannot load roadmap settings.', error)
    );
  }
};

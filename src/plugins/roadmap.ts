/**
 * The roadmap plugin: the course in the left sidebar.
 */

import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
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
  optional: [
    ILayoutRestorer,
    ICommandPalette,
    ISettingRegistry,
    ITranslator,
    ILauncher
  ],
  activate: (
    app: JupyterFrontEnd,
    catalog: ICatalogService,
    progress: IProgressStore,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    registry: ISettingRegistry | null,
    translator: ITranslator | null,
    launcher: ILauncher | null
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
    content.title.label = trans.__('Course');
    panel.addWidget(content);
    app.shell.add(panel, 'left', { rank: 550 });
    restorer?.add(panel, 'bytementor-roadmap');

    app.commands.addCommand(CommandIDs.openRoadmap, {
      label: trans.__('Open ByteMentor Roadmap'),
      execute: () => app.shell.activateById(panel.id)
    });
    app.commands.addCommand(CommandIDs.openNextLab, {
      label: trans.__('Continue the Course: Open the Next Lab'),
      caption: trans.__('Open the lab the roadmap says is next on your path'),
      icon: listIcon,
      execute: async () => {
        app.shell.activateById(panel.id);
        const next = content.view?.nextUp?.lab;
        if (next?.available && next.kind === 'notebook') {
          await app.commands.execute(CommandIDs.openLab, {
            labId: next.id,
            title: next.title
          });
        }
      }
    });
    app.commands.addCommand(CommandIDs.choosePath, {
      label: args => {
        const path = content.view?.paths.find(p => p.id === args.pathId);
        return path
          ? trans.__('Choose the %1 Path', path.title)
          : trans.__('Choose a Learning Path');
      },
      describedBy: {
        args: {
          type: 'object',
          properties: {
            pathId: {
              type: 'string',
              description: trans.__(
                'beginner, developer-fast-track or ml-engineer'
              )
            }
          }
        }
      },
      execute: async args => {
        app.shell.activateById(panel.id);
        if (typeof args.pathId === 'string') {
          await content.choosePath(args.pathId);
        }
      }
    });
    for (const command of [CommandIDs.openRoadmap, CommandIDs.openNextLab]) {
      palette?.addItem({ command, category: 'ByteMentor' });
    }
    launcher?.add({
      command: CommandIDs.openNextLab,
      category: 'ByteMentor',
      rank: 0
    });
    void catalog.catalog.then(
      course => {
        for (const path of course.paths ?? []) {
          palette?.addItem({
            command: CommandIDs.choosePath,
            category: 'ByteMentor',
            args: { pathId: path.id }
          });
        }
      },
      // The roadmap itself says the course could not be loaded.
      () => undefined
    );

    void Promise.all([
      app.restored,
      registry?.load(PLUGIN_ID) ?? Promise.resolve(null)
    ]).then(
      ([, settings]) => {
        content.settings = settings;
        if (settings?.get('openOnStart').composite !== false) {
          app.shell.activateById(panel.id);
        }
      },
      error => {
        console.error('ByteMentor: cannot load roadmap settings.', error);
        Notification.warning(
          trans.__(
            'The roadmap settings could not be loaded, so your path and pace plan are not remembered. Check them in Settings → Settings Editor → ByteMentor roadmap.'
          )
        );
        app.shell.activateById(panel.id);
      }
    );
  }
};

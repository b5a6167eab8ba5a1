/**
 * The catalog plugin: the course catalog and opening labs.
 */

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { CatalogService } from '../services/catalog';
import { CommandIDs } from '../commands';
import { ICatalogService } from '../tokens';

/**
 * Provides the catalog and the command that opens a lab.
 */
export const catalogPlugin: JupyterFrontEndPlugin<ICatalogService> = {
  id: 'jupyterlab-bytementor:catalog',
  description:
    'The ByteMentor course catalog and the command that opens a lab.',
  autoStart: true,
  requires: [IDocumentManager],
  optional: [ITranslator],
  provides: ICatalogService,
  activate: (
    app: JupyterFrontEnd,
    docManager: IDocumentManager,
    translator: ITranslator | null
  ): ICatalogService => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_bytementor');
    const service = new CatalogService();
    app.commands.addCommand(CommandIDs.openLab, {
      label: args =>
        args.title
          ? trans.__('Open Lab: %1', args.title as string)
          : trans.__('Open Lab'),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            labId: { type: 'string', description: 'The id of the lab' },
            title: { type: 'string', description: 'The lab title' }
          },
          required: ['labId']
        }
      },
      execute: async args => {
        const labId = args.labId as string;
        try {
          const path = await service.openLab(labId);
          return docManager.openOrReveal(path);
        } catch (error) {
          console.error('ByteMentor: cannot open lab %s.', labId, error);
          Notification.error(
            trans.__(
              'The lab "%1" could not be opened: %2',
              (args.title as string) ?? labId,
              (error as Error).message
            )
          );
        }
      }
    });
    return service;
  }
};

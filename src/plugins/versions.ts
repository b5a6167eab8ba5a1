/**
 * The versions plugin: a lab copy of an older release is offered an upgrade,
 * from the notebook and from the roadmap; a copy of a lab the course no
 * longer has opens with a note saying so.
 */

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';

import { CommandIDs } from '../commands';
import { LabBanner } from '../lab/banner';
import { labOf } from '../lab/roles';
import { copyStatus } from '../lab/versions';
import { ICatalogService } from '../tokens';

/**
 * Offers upgrades of outdated lab copies and notes removed labs.
 */
export const versionsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bytementor:versions',
  description:
    'Offers to upgrade a lab copy to the current release; notes labs removed from the course.',
  autoStart: true,
  requires: [ICatalogService, INotebookTracker, IDocumentManager],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    catalog: ICatalogService,
    tracker: INotebookTracker,
    docManager: IDocumentManager,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_bytementor');
    const banners = new WeakMap<NotebookPanel, LabBanner>();

    app.commands.addCommand(CommandIDs.upgradeLab, {
      label: trans.__('Upgrade Lab to the Current Version'),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            labId: { type: 'string', description: 'The id of the lab' },
            path: { type: 'string', description: "The learner's copy" }
          },
          required: ['labId', 'path']
        }
      },
      execute: async args => {
        const labId = args.labId as string;
        const path = args.path as string;
        const answer = await showDialog({
          title: trans.__('Upgrade this lab?'),
          body: trans.__(
            'The instructions, tests and hints of "%1" are replaced by the new version. Your answers and the cells you added are kept, and your current notebook is saved first as a backup next to it.',
            path
          ),
          buttons: [
            Dialog.cancelButton({ label: trans.__('Not now') }),
            Dialog.okButton({ label: trans.__('Upgrade') })
          ]
        });
        if (!answer.button.accept) {
          return;
        }
        const open = docManager.findWidget(path);
        try {
          if (open?.context.model.dirty) {
            await open.context.save();
          }
          const reply = await catalog.upgradeLab(labId, path);
          await open?.context.revert();
          Notification.success(
            trans.__(
              'Upgraded to version %1: %2 answers and %3 cells of your own kept. Your previous notebook is %4.',
              reply.to,
              reply.answersKept.length,
              reply.addedKept.length + reply.orphaned.length,
              reply.backup
            ),
            { autoClose: 10000 }
          );
        } catch (error) {
          console.error('ByteMentor: upgrade of %s failed.', path, error);
          Notification.error(
            trans.__(
              'The lab could not be upgraded: %1. Your notebook is unchanged.',
              (error as Error).message
            )
          );
        }
      }
    });

    const showStatus = async (panel: NotebookPanel) => {
      banners.get(panel)?.dispose();
      banners.delete(panel);
      const lab = panel.model ? labOf(panel.model.metadata) : null;
      if (!lab || panel.isDisposed) {
        return;
      }
      let known;
      try {
        known = await catalog.catalog;
      } catch {
        return; // The roadmap already says the course cannot be loaded.
      }
      const banner = bannerFor(
        trans,
        copyStatus(known, lab.id, lab.version),
        lab.title,
        () =>
          app.commands.execute(CommandIDs.upgradeLab, {
            labId: lab.id,
            path: panel.context.path
          }) as Promise<void>
      );
      if (banner && !panel.isDisposed) {
        banners.set(panel, banner);
        panel.contentHeader.addWidget(banner);
      }
    };

    tracker.widgetAdded.connect((_, panel) => {
      void panel.context.ready.then(() => {
        void showStatus(panel);
        // After an upgrade the file is reloaded: its version is new.
        panel.context.fileChanged.connect(() => void showStatus(panel));
      });
    });
  }
};

function bannerFor(
  trans: TranslationBundle,
  status: ReturnType<typeof copyStatus>,
  title: string,
  upgrade: () => Promise<void>
): LabBanner | null {
  switch (status.kind) {
    case 'current':
      return null;
    case 'removed':
      return new LabBanner({
        kind: 'warning',
        message: trans.__(
          '"%1" is no longer part of the course. Your notebook and your answers are still here, but it cannot be checked any more.',
          title
        )
      });
    case 'unavailable':
      return new LabBanner({
        kind: 'warning',
        message: trans.__(
          'The course server could not load "%1": a problem in the course, not in your notebook. Your work is safe here; checks are unavailable until the course is fixed (tell your instructor).',
          title
        )
      });
    case 'newer':
      return new LabBanner({
        kind: 'warning',
        message: trans.__(
          "Your copy is of version %1 of this lab, newer than the course on this server (%2). Your notebook is unchanged; checks use the server's tests, which may differ.",
          status.version,
          status.course
        )
      });
    case 'outdated':
      return new LabBanner({
        kind: 'info',
        message: status.from
          ? trans.__(
              'A new version of this lab is out (%1; yours is %2). Upgrading keeps your answers and your own cells.',
              status.to,
              status.from
            )
          : trans.__(
              'A new version of this lab is out (%1). Upgrading keeps your answers and your own cells.',
              status.to
            ),
        action: { label: trans.__('Upgrade'), run: upgrade }
      });
  }
}

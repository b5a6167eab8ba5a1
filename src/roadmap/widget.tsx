/**
 * The roadmap widget: keeps the view in step with catalog and progress.
 */

import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import { ICatalog } from '../catalog/types';
import { ICatalogService, IProgressStore } from '../tokens';
import { buildRoadmap } from './model';
import { Roadmap } from './view';

/**
 * Options of the roadmap widget.
 */
export interface IRoadmapWidgetOptions {
  catalog: ICatalogService;
  progress: IProgressStore;
  trans: TranslationBundle;
  onOpenLab: (labId: string, title: string) => void;
}

/**
 * The roadmap's content inside the sidebar panel.
 */
export class RoadmapWidget extends ReactWidget {
  constructor(private readonly _options: IRoadmapWidgetOptions) {
    super();
    this.addClass('jp-bytementor-Roadmap');
    _options.progress.changed.connect(() => this.update(), this);
    void this.refresh();
  }

  /**
   * Fetch the catalog again and re-render.
   */
  async refresh(): Promise<void> {
    try {
      this._catalog = await this._options.catalog.catalog;
      this._error = null;
    } catch (error) {
      console.error('ByteMentor: cannot load the catalog.', error);
      this._error = this._options.trans.__(
        'The course could not be loaded: %1. Is the jupyterlab-bytementor server extension enabled? Reload the page to try again.',
        (error as Error).message
      );
    }
    await this._options.progress.ready;
    this.update();
  }

  protected render(): JSX.Element {
    const view = this._catalog
      ? buildRoadmap(this._catalog, this._options.progress.progress)
      : null;
    return (
      <Roadmap
        view={view}
        error={this._error}
        trans={this._options.trans}
        onOpenLab={this._options.onOpenLab}
      />
    );
  }

  private _catalog: ICatalog | null = null;
  private _error: string | null = null;
}

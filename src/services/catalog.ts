/**
 * The catalog service: the course as the server extension describes it.
 */

import { ISignal, Signal } from '@lumino/signaling';

import { ICatalogService } from '../tokens';
import { requestAPI } from '../request';
import {
  ICatalog,
  ICopy,
  IPredictionReply,
  IUpgradeReply
} from '../catalog/types';

/**
 * Fetches the catalog once, opens and upgrades learner copies of labs.
 */
export class CatalogService implements ICatalogService {
  get catalog(): Promise<ICatalog> {
    if (!this._catalog) {
      this._catalog = requestAPI<ICatalog>('catalog');
      // A failed fetch is retried on the next request.
      this._catalog.catch(() => (this._catalog = null));
    }
    return this._catalog;
  }

  get copiesChanged(): ISignal<ICatalogService, void> {
    return this._copiesChanged;
  }

  async openLab(labId: string): Promise<string> {
    const reply = await requestAPI<{ path: string; created: boolean }>(
      `labs/${encodeURIComponent(labId)}/open`,
      { method: 'POST' }
    );
    if (reply.created) {
      this._copiesChanged.emit();
    }
    return reply.path;
  }

  async copies(): Promise<{ [labId: string]: ICopy }> {
    const reply = await requestAPI<{ copies: { [labId: string]: ICopy } }>(
      'copies'
    );
    return reply.copies;
  }

  async upgradeLab(labId: string, path: string): Promise<IUpgradeReply> {
    const reply = await requestAPI<IUpgradeReply>(
      `labs/${encodeURIComponent(labId)}/upgrade`,
      { method: 'POST', body: JSON.stringify({ path }) }
    );
    this._copiesChanged.emit();
    return reply;
  }

  async predictions(
    labId: string
  ): Promise<{ [exercise: string]: IPredictionReply }> {
    const reply = await requestAPI<{
      predictions: { [exercise: string]: IPredictionReply };
    }>(`labs/${encodeURIComponent(labId)}/predictions`);
    return reply.predictions;
  }

  commitPrediction(
    labId: string,
    exercise: string,
    given: number
  ): Promise<IPredictionReply> {
    return requestAPI<IPredictionReply>(
      `labs/${encodeURIComponent(labId)}/predictions/${encodeURIComponent(exercise)}`,
      { method: 'POST', body: JSON.stringify({ given }) }
    );
  }

  private _catalog: Promise<ICatalog> | null = null;
  private _copiesChanged = new Signal<ICatalogService, void>(this);
}

/**
 * The catalog service: the course as the server extension describes it.
 */

import { ICatalogService } from '../tokens';
import { requestAPI } from '../request';
import { ICatalog } from '../catalog/types';

/**
 * Fetches the catalog once and opens learner copies of labs.
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

  async openLab(labId: string): Promise<string> {
    const reply = await requestAPI<{ path: string; created: boolean }>(
      `labs/${encodeURIComponent(labId)}/open`,
      { method: 'POST' }
    );
    return reply.path;
  }

  private _catalog: Promise<ICatalog> | null = null;
}

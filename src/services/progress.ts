/**
 * The progress store: records in JupyterLab settings, merged on every write.
 */

import { Notification } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { TranslationBundle } from '@jupyterlab/translation';
import { JSONObject, PromiseDelegate } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';

import { IProgressStore } from '../tokens';
import {
  IPredictionRecord,
  IProgress,
  mergeProgress,
  readProgress
} from '../progress/merge';

/**
 * The settings plugin holding the records.
 */
export const PROGRESS_PLUGIN = 'jupyterlab-bytementor:progress';

const RETRY_MS = [2000, 5000, 15000, 30000];

/**
 * Progress records kept under the `labs` key of the progress plugin's
 * settings.
 *
 * Each write reloads the stored value, merges this tab's records into it and
 * saves the union, so a stale tab never erases another tab's passes. A failed
 * write keeps the records in memory, tells the learner once, and retries.
 */
export class ProgressStore implements IProgressStore {
  constructor(
    private readonly _registry: ISettingRegistry,
    private readonly _trans: TranslationBundle
  ) {
    void this._load();
  }

  get ready(): Promise<void> {
    return this._ready.promise;
  }

  get progress(): IProgress {
    return this._progress;
  }

  get changed(): ISignal<IProgressStore, IProgress> {
    return this._changed;
  }

  async recordCheck(
    lab: string,
    exercise: string,
    passed: boolean
  ): Promise<void> {
    await this.ready;
    const current = this._progress[lab]?.exercises[exercise];
    const update: IProgress = {
      [lab]: {
        exercises: {
          [exercise]: {
            attempts: (current?.attempts ?? 0) + 1,
            hintsUsed: current?.hintsUsed ?? 0,
            ...(passed ? { firstPassed: new Date().toISOString() } : {})
          }
        }
      }
    };
    this._setLocal(mergeProgress(this._progress, update));
    await this._save();
  }

  async recordPrediction(
    lab: string,
    exercise: string,
    prediction: IPredictionRecord
  ): Promise<void> {
    await this.ready;
    const current = this._progress[lab]?.exercises[exercise];
    const update: IProgress = {
      [lab]: {
        exercises: {
          [exercise]: {
            attempts: current?.attempts ?? 0,
            hintsUsed: current?.hintsUsed ?? 0,
            prediction
          }
        }
      }
    };
    this._setLocal(mergeProgress(this._progress, update));
    await this._save();
  }

  async recordHint(
    lab: string,
    exercise: string,
    shown: number
  ): Promise<void> {
    await this.ready;
    const current = this._progress[lab]?.exercises[exercise];
    if (shown <= (current?.hintsUsed ?? 0)) {
      return;
    }
    // mergeProgress keeps the larger hintsUsed, so the count never drops.
    const update: IProgress = {
      [lab]: {
        exercises: {
          [exercise]: { attempts: current?.attempts ?? 0, hintsUsed: shown }
        }
      }
    };
    this._setLocal(mergeProgress(this._progress, update));
    await this._save();
  }

  private async _load(): Promise<void> {
    try {
      this._settings = await this._registry.load(PROGRESS_PLUGIN);
      this._settings.changed.connect(this._onSettingsChanged, this);
      this._setLocal(readProgress(this._settings.get('labs').composite));
    } catch (error) {
      console.error('ByteMentor: cannot load progress settings.', error);
      Notification.error(
        this._trans.__(
          'Your course progress could not be loaded, so passes made now may not be saved. Reload the page to try again.'
        )
      );
    } finally {
      this._ready.resolve();
    }
  }

  private _onSettingsChanged(settings: ISettingRegistry.ISettings): void {
    const stored = readProgress(settings.get('labs').composite);
    this._setLocal(mergeProgress(this._progress, stored));
  }

  private _setLocal(progress: IProgress): void {
    if (JSON.stringify(progress) === JSON.stringify(this._progress)) {
      return;
    }
    this._progress = progress;
    this._changed.emit(progress);
  }

  /**
   * Reload, merge and save; on failure, schedule a retry.
   */
  private async _save(): Promise<void> {
    if (!this._settings) {
      return;
    }
    this._saving = this._saving.then(() => this._trySave());
    return this._saving;
  }

  private async _trySave(): Promise<void> {
    const settings = this._settings!;
    try {
      await this._registry.reload(PROGRESS_PLUGIN);
      const stored = readProgress(settings.get('labs').composite);
      const merged = mergeProgress(stored, this._progress);
      this._setLocal(merged);
      await settings.set('labs', merged as unknown as JSONObject);
      this._failures = 0;
      if (this._notice) {
        Notification.dismiss(this._notice);
        this._notice = null;
        Notification.success(this._trans.__('Your progress is saved again.'), {
          autoClose: 4000
        });
      }
    } catch (error) {
      console.error('ByteMentor: saving progress failed.', error);
      if (!this._notice) {
        this._notice = Notification.warning(
          this._trans.__(
            'Your progress could not be saved (the settings could not be written). It is kept in this page and saving is retried.'
          ),
          { autoClose: false }
        );
      }
      const delay = RETRY_MS[Math.min(this._failures, RETRY_MS.length - 1)];
      this._failures += 1;
      if (this._retry === null) {
        this._retry = window.setTimeout(() => {
          this._retry = null;
          void this._save();
        }, delay);
      }
    }
  }

  private _settings: ISettingRegistry.ISettings | null = null;
  private _progress: IProgress = {};
  private _changed = new Signal<IProgressStore, IProgress>(this);
  private _ready = new PromiseDelegate<void>();
  private _saving: Promise<void> = Promise.resolve();
  private _failures = 0;
  private _retry: number | null = null;
  private _notice: string | null = null;
}

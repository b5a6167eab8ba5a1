/**
 * The progress store: records in JupyterLab settings, merged on every write.
 */

import { Notification } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { TranslationBundle } from '@jupyterlab/translation';
import { PromiseDelegate } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';

import { IProgressStore } from '../tokens';
import {
  addProgress,
  IPredictionRecord,
  IProgress,
  mergeProgress,
  missingRecords,
  readProgress
} from '../progress/merge';
import {
  IPortfolio,
  IProject,
  mergePortfolio,
  missingProjects,
  readPortfolio
} from '../progress/portfolio';

/**
 * The settings plugin holding the records.
 */
export const PROGRESS_PLUGIN = 'jupyterlab-bytementor:progress';

const RETRY_MS = [2000, 5000, 15000, 30000];

/**
 * How long after a write the store looks again for records a concurrent
 * write from another tab may have overwritten.
 */
const VERIFY_MS = 3000;

/**
 * Progress records kept under the `labs` and `portfolio` keys of the progress
 * plugin's settings.
 *
 * This tab's records not yet saved are kept apart (`_pending`, with checks
 * counted as increments). Each write reloads the stored value, adds the
 * pending records and saves the union in one request, so a stale tab never
 * erases another tab's passes and every check is counted once. A failed
 * write keeps the records pending, tells the learner, and retries; a write
 * that two tabs raced on is found by a later reload and written again.
 */
export class ProgressStore implements IProgressStore {
  constructor(
    private readonly _registry: ISettingRegistry,
    private readonly _trans: TranslationBundle
  ) {
    void this._load()
      .then(loaded => {
        if (!loaded) {
          this._failed(new Error('the progress settings could not be loaded'));
        }
      })
      .finally(() => this._ready.resolve());
    window.addEventListener('focus', this._onFocus);
    window.addEventListener('beforeunload', this._onUnload);
  }

  get ready(): Promise<void> {
    return this._ready.promise;
  }

  get progress(): IProgress {
    return this._view;
  }

  get portfolio(): IPortfolio {
    return mergePortfolio(
      mergePortfolio(this._storedPortfolio, this._inFlightPortfolio),
      this._pendingPortfolio
    );
  }

  get saveFailed(): boolean {
    return this._failures > 0;
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
    await this._record(lab, exercise, {
      attempts: 1,
      hintsUsed: 0,
      ...(passed ? { firstPassed: new Date().toISOString() } : {})
    });
  }

  async recordPrediction(
    lab: string,
    exercise: string,
    prediction: IPredictionRecord
  ): Promise<void> {
    await this.ready;
    await this._record(lab, exercise, {
      attempts: 0,
      hintsUsed: 0,
      prediction
    });
  }

  /**
   * Record that `shown` hints of an exercise have been opened; the larger
   * count wins.
   */
  async recordHint(
    lab: string,
    exercise: string,
    shown: number
  ): Promise<void> {
    await this.ready;
    await this._record(lab, exercise, { attempts: 0, hintsUsed: shown });
  }

  async saveProject(slot: string, project: IProject): Promise<void> {
    await this.ready;
    this._pendingPortfolio = mergePortfolio(this._pendingPortfolio, {
      [slot]: project
    });
    this._knownPortfolio = mergePortfolio(this._knownPortfolio, {
      [slot]: project
    });
    this._changed.emit(this._view);
    await this._save();
  }

  async retryNow(): Promise<void> {
    await this._save();
  }

  private async _record(
    lab: string,
    exercise: string,
    entry: IProgress[string]['exercises'][string]
  ): Promise<void> {
    if (!isCourseId(lab) || !isCourseId(exercise)) {
      // Ids come from a notebook's metadata, which anyone can edit: only the
      // lab format's ids become settings keys.
      console.warn(`ByteMentor: not recording "${lab}/${exercise}".`);
      return;
    }
    const update: IProgress = { [lab]: { exercises: { [exercise]: entry } } };
    this._pending = addProgress(this._pending, update);
    // Its check is pending; the stored count takes it once it is saved.
    this._known = mergeProgress(this._known, {
      [lab]: { exercises: { [exercise]: { ...entry, attempts: 0 } } }
    });
    this._refreshView();
    await this._save();
  }

  private async _load(): Promise<boolean> {
    if (this._settings) {
      return true;
    }
    try {
      this._settings = await this._registry.load(PROGRESS_PLUGIN);
    } catch (error) {
      console.error('ByteMentor: cannot load progress settings.', error);
      return false;
    }
    this._settings.changed.connect(this._onSettingsChanged, this);
    this._onSettingsChanged(this._settings);
    return true;
  }

  private _onSettingsChanged(settings: ISettingRegistry.ISettings): void {
    this._stored = readProgress(settings.get('labs').composite);
    this._storedPortfolio = readPortfolio(settings.get('portfolio').composite);
    // While a write of ours runs the file lags behind it: look afterwards.
    const idle = !this._busy && this._failures === 0;
    const missing = idle ? missingRecords(this._stored, this._known) : {};
    const projects = idle
      ? missingProjects(this._storedPortfolio, this._knownPortfolio)
      : {};
    this._known = mergeProgress(this._known, this._stored);
    this._knownPortfolio = mergePortfolio(
      this._knownPortfolio,
      this._storedPortfolio
    );
    if (Object.keys(missing).length + Object.keys(projects).length > 0) {
      // A racing write from another tab, or an edit in the settings editor,
      // lost records: records only grow, so they are written back.
      this._pending = addProgress(this._pending, missing);
      this._pendingPortfolio = mergePortfolio(this._pendingPortfolio, projects);
      void this._save();
    }
    this._refreshView();
  }

  private _refreshView(): void {
    const view = addProgress(
      mergeProgress(this._stored, this._inFlight),
      this._pending
    );
    if (JSON.stringify(view) !== JSON.stringify(this._view)) {
      this._view = view;
      this._changed.emit(view);
    }
  }

  /**
   * Queue one reload-merge-save after any running one.
   */
  private _save(): Promise<void> {
    this._saving = this._saving.then(() => this._trySave());
    return this._saving;
  }

  private async _trySave(): Promise<void> {
    const labs = this._pending;
    const portfolio = this._pendingPortfolio;
    this._inFlight = addProgress(this._stored, labs);
    this._inFlightPortfolio = portfolio;
    this._pending = {};
    this._pendingPortfolio = {};
    this._busy = true;
    try {
      if (!(await this._load())) {
        throw new Error('the progress settings could not be loaded');
      }
      if (Object.keys(labs).length + Object.keys(portfolio).length === 0) {
        this._saved();
        return;
      }
      const settings = this._settings!;
      await this._registry.reload(PROGRESS_PLUGIN);
      const stored = readProgress(settings.get('labs').composite);
      const storedPortfolio = readPortfolio(
        settings.get('portfolio').composite
      );
      const user = { ...settings.user };
      this._inFlight = addProgress(stored, labs);
      user.labs = this._inFlight as any;
      user.portfolio = mergePortfolio(storedPortfolio, portfolio) as any;
      // Saving fetches the file again: `_onSettingsChanged` then sees the batch
      // as stored, so it leaves the in-flight records only afterwards.
      await settings.save(JSON.stringify(user, null, 2));
      this._inFlight = {};
      this._inFlightPortfolio = {};
      this._refreshView();
      this._saved();
    } catch (error) {
      // Nothing is lost: the batch goes back to the pending records.
      this._pending = addProgress(labs, this._pending);
      this._pendingPortfolio = mergePortfolio(
        portfolio,
        this._pendingPortfolio
      );
      this._inFlight = {};
      this._inFlightPortfolio = {};
      this._refreshView();
      this._failed(error);
    } finally {
      this._busy = false;
    }
  }

  private _saved(): void {
    const recovered = this._failures > 0;
    this._failures = 0;
    if (this._notice) {
      Notification.dismiss(this._notice);
      this._notice = null;
    }
    if (recovered) {
      Notification.success(this._trans.__('Your progress is saved again.'), {
        autoClose: 4000
      });
      this._changed.emit(this._view);
    }
    window.clearTimeout(this._verify);
    this._verify = window.setTimeout(
      () => void this._reloadAndVerify(),
      VERIFY_MS
    );
  }

  private _failed(error: unknown): void {
    console.error('ByteMentor: saving progress failed.', error);
    const delay = RETRY_MS[Math.min(this._failures, RETRY_MS.length - 1)];
    this._failures += 1;
    if (this._failures === 1) {
      this._changed.emit(this._view);
    }
    if (!this._notice) {
      this._notice = Notification.warning(
        this._trans.__(
          'Your progress could not be saved (the settings could not be written). It is kept in this page and saving is retried.'
        ),
        {
          autoClose: false,
          actions: [
            {
              label: this._trans.__('Retry now'),
              callback: () => void this.retryNow()
            }
          ]
        }
      );
    }
    window.clearTimeout(this._retry);
    this._retry = window.setTimeout(() => void this._save(), delay);
  }

  /**
   * Reload the stored records; `_onSettingsChanged` rewrites any of ours a
   * concurrent write lost.
   */
  private async _reloadAndVerify(): Promise<void> {
    if (this._settings && this._failures === 0) {
      try {
        await this._registry.reload(PROGRESS_PLUGIN);
      } catch (error) {
        console.error('ByteMentor: cannot reload progress settings.', error);
      }
    }
  }

  private _onFocus = () => void this._reloadAndVerify();

  /**
   * While writes fail the records live only in this page: ask before it goes.
   */
  private _onUnload = (event: BeforeUnloadEvent) => {
    if (this._failures > 0) {
      event.preventDefault();
      event.returnValue = '';
    }
  };

  private _settings: ISettingRegistry.ISettings | null = null;
  /**
   * The records as last read from the settings.
   */
  private _stored: IProgress = {};
  private _storedPortfolio: IPortfolio = {};
  /**
   * This tab's records not yet saved; attempts are increments.
   */
  private _pending: IProgress = {};
  private _pendingPortfolio: IPortfolio = {};
  /**
   * The records being written (stored plus the batch, absolute counts), part
   * of the view until the write succeeds or fails.
   */
  private _inFlight: IProgress = {};
  private _inFlightPortfolio: IPortfolio = {};
  /**
   * Every record this tab has seen stored or made, to find lost ones.
   */
  private _known: IProgress = {};
  private _knownPortfolio: IPortfolio = {};
  private _view: IProgress = {};
  private _changed = new Signal<IProgressStore, IProgress>(this);
  private _ready = new PromiseDelegate<void>();
  private _saving: Promise<void> = Promise.resolve();
  private _busy = false;
  private _failures = 0;
  private _retry = 0;
  private _verify = 0;
  private _notice: string | null = null;
}

/**
 * Whether `id` is a lab or exercise id as the lab format allows them
 * (`^[a-z0-9][a-z0-9-]{0,63}$`, the server's schema).
 */
export function isCourseId(id: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,63}$/.test(id);
}

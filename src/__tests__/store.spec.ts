/**
 * The progress store against an in-memory settings server shared by two
 * tabs: writes that race, arrive out of order, or fail, lose nothing.
 */
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';

import { passedExercises } from '../progress/merge';
import { ProgressStore } from '../services/progress';

/**
 * The server's settings file, with a switch to make writes fail.
 */
class FakeServer {
  raw = '{}';
  failing = false;
  writes = 0;
  async get(): Promise<string> {
    await Promise.resolve();
    return this.raw;
  }
  async put(raw: string): Promise<void> {
    await Promise.resolve();
    if (this.failing) {
      throw new Error('500 Internal Server Error');
    }
    this.writes += 1;
    this.raw = raw;
  }
  stored(): any {
    return JSON.parse(this.raw);
  }
}

/**
 * What the store uses of one tab's setting registry.
 */
function tab(server: FakeServer): ISettingRegistry {
  let user: any = {};
  const settings: any = {
    get user() {
      return user;
    },
    get: (key: string) => ({ composite: user[key] ?? {}, user: user[key] }),
    save: async (raw: string) => {
      await server.put(raw);
      await fetch();
    }
  };
  settings.changed = new Signal<any, void>(settings);
  const fetch = async () => {
    user = JSON.parse(await server.get());
    settings.changed.emit();
  };
  return {
    load: async () => {
      await fetch();
      return settings;
    },
    reload: fetch
  } as unknown as ISettingRegistry;
}

function store(server: FakeServer): ProgressStore {
  return new ProgressStore(tab(server), nullTranslator.load('test'));
}

/**
 * Let pending promises and timers of 0 ms run until `condition` holds.
 */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !condition(); i++) {
    await new Promise(resolve => setTimeout(resolve, 0));
  }
}

const record = (server: FakeServer, ex: string) =>
  server.stored().labs.gd.exercises[ex];

describe('the progress store', () => {
  it('keeps passes two tabs make at the same time on different exercises', async () => {
    const server = new FakeServer();
    const a = store(server);
    const b = store(server);
    await Promise.all([a.ready, b.ready]);
    // Both writes reload before either saves: B's save overwrites A's.
    await Promise.all([
      a.recordCheck('gd', 'mse', true),
      b.recordCheck('gd', 'loop', true)
    ]);
    expect(passedExercises(server.stored().labs, 'gd')).toEqual(['loop']);
    // A finds its pass missing on its next look and writes it again.
    window.dispatchEvent(new Event('focus'));
    await until(() => passedExercises(server.stored().labs, 'gd').length > 1);
    expect(passedExercises(server.stored().labs, 'gd').sort()).toEqual([
      'loop',
      'mse'
    ]);
  });

  it('adds up the checks of two tabs and keeps the earliest pass', async () => {
    const server = new FakeServer();
    const a = store(server);
    const b = store(server);
    await Promise.all([a.ready, b.ready]);
    await a.recordCheck('gd', 'mse', false);
    await b.recordCheck('gd', 'mse', false);
    await b.recordCheck('gd', 'mse', true);
    const firstPass = record(server, 'mse').firstPassed;
    // A never reloaded in between: a stale tab passing later changes nothing
    // but the count.
    await a.recordCheck('gd', 'mse', true);
    expect(record(server, 'mse')).toEqual({
      attempts: 4,
      hintsUsed: 0,
      firstPassed: firstPass
    });
    expect(a.progress).toEqual(server.stored().labs);
  });

  it('records nothing under an id a lab could not have', async () => {
    const server = new FakeServer();
    const a = store(server);
    await a.ready;
    await a.recordHint('../../etc', 'mse', 3);
    await a.recordCheck('gd', 'Not An Id', true);
    await a.recordCheck('gd', 'mse', true);
    expect(Object.keys(server.stored().labs)).toEqual(['gd']);
    expect(passedExercises(server.stored().labs, 'gd')).toEqual(['mse']);
  });

  it('writes back records removed in the settings editor', async () => {
    const server = new FakeServer();
    const registry = tab(server);
    const a = new ProgressStore(registry, nullTranslator.load('test'));
    await a.ready;
    await a.recordCheck('gd', 'mse', true);
    await a.recordCheck('gd', 'mse', false);
    // "Restore to Defaults" saves an empty file through the same registry.
    const settings = await registry.load('jupyterlab-bytementor:progress');
    await settings.save('{}');
    await until(() => server.stored().labs !== undefined);
    expect(record(server, 'mse')).toMatchObject({ attempts: 2 });
    expect(record(server, 'mse').firstPassed).toBeDefined();
  });

  it('keeps the larger hint count, whatever order the writes arrive in', async () => {
    const server = new FakeServer();
    const a = store(server);
    const b = store(server);
    await Promise.all([a.ready, b.ready]);
    await b.recordHint('gd', 'mse', 2);
    await a.recordHint('gd', 'mse', 1);
    expect(record(server, 'mse').hintsUsed).toBe(2);
  });

  it('keeps a record made while writes fail and saves it once they work', async () => {
    const server = new FakeServer();
    const a = store(server);
    await a.ready;
    server.failing = true;
    await a.recordCheck('gd', 'mse', true);
    await a.recordCheck('gd', 'loop', false);
    expect(a.saveFailed).toBe(true);
    expect(passedExercises(a.progress, 'gd')).toEqual(['mse']);
    expect(server.raw).toBe('{}');
    server.failing = false;
    await a.retryNow();
    expect(a.saveFailed).toBe(false);
    expect(record(server, 'mse')).toMatchObject({ attempts: 1 });
    expect(record(server, 'mse').firstPassed).toBeDefined();
    expect(record(server, 'loop')).toMatchObject({ attempts: 1 });
  });

  it('retries a failed write by itself', async () => {
    jest.useFakeTimers();
    try {
      const server = new FakeServer();
      const a = store(server);
      await a.ready;
      server.failing = true;
      await a.recordCheck('gd', 'mse', true);
      server.failing = false;
      await jest.advanceTimersByTimeAsync(2500);
      expect(a.saveFailed).toBe(false);
      expect(record(server, 'mse').firstPassed).toBeDefined();
    } finally {
      jest.useRealTimers();
    }
  });

  it('saves a portfolio project with the records, the later edit winning', async () => {
    const server = new FakeServer();
    const a = store(server);
    const b = store(server);
    await Promise.all([a.ready, b.ready]);
    const project = {
      name: 'Churn model',
      repository: 'https://example.org/churn',
      deployed: '',
      checks: { readme: true },
      updated: '2027-02-01T10:00:00.000Z'
    };
    await a.recordCheck('gd', 'mse', true);
    await b.saveProject('project-1', project);
    await a.saveProject('project-1', {
      ...project,
      name: 'Older',
      updated: '2027-01-01T10:00:00.000Z'
    });
    expect(server.stored().portfolio['project-1'].name).toBe('Churn model');
    expect(server.stored().labs.gd.exercises.mse.firstPassed).toBeDefined();
  });
});

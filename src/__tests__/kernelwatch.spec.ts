import { Kernel, KernelMessage } from '@jupyterlab/services';

import { CheckClock } from '../check/kernelwatch';

type Hook = (msg: KernelMessage.IIOPubMessage) => boolean;

/**
 * The part of a kernel future the clock uses: its request id and its hooks.
 */
function fakeFuture(id: string): {
  future: Kernel.IFuture<any, any>;
  status: (parent: string, state: string) => void;
} {
  const hooks: Hook[] = [];
  const future = {
    msg: { header: { msg_id: id } },
    registerMessageHook: (hook: Hook) => hooks.push(hook)
  } as unknown as Kernel.IFuture<any, any>;
  const status = (parent: string, state: string) => {
    const msg = {
      header: { msg_type: 'status' },
      parent_header: { msg_id: parent },
      content: { execution_state: state },
      channel: 'iopub'
    } as unknown as KernelMessage.IIOPubMessage;
    hooks.forEach(hook => hook(msg));
  };
  return { future, status };
}

describe('CheckClock', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const expiredAfter = async (clock: CheckClock, ms: number) => {
    let expired = false;
    void clock.expired.then(() => (expired = true));
    jest.advanceTimersByTime(ms);
    await Promise.resolve();
    return expired;
  };

  it('does not run while the check waits behind another request', async () => {
    const clock = new CheckClock(1000);
    const { future, status } = fakeFuture('check-1');
    clock.watch(future);
    // The learner's own cell keeps the kernel busy for a long time.
    status('learners-cell', 'busy');
    expect(await expiredAfter(clock, 60000)).toBe(false);
    clock.dispose();
  });

  it("starts at the kernel's busy for the check's request and covers the later ones", async () => {
    const clock = new CheckClock(1000);
    const first = fakeFuture('cell');
    const second = fakeFuture('tests');
    clock.watch(first.future);
    clock.watch(second.future);
    first.status('cell', 'busy');
    expect(await expiredAfter(clock, 600)).toBe(false);
    // The tests' busy does not restart the clock.
    second.status('tests', 'busy');
    expect(await expiredAfter(clock, 500)).toBe(true);
  });

  it('never fires once disposed', async () => {
    const clock = new CheckClock(1000);
    const { future, status } = fakeFuture('cell');
    clock.watch(future);
    status('cell', 'busy');
    clock.dispose();
    expect(await expiredAfter(clock, 5000)).toBe(false);
  });
});

/**
 * What a check needs to know about its kernel while it runs: when its own
 * requests start, and whether the kernel went away under it.
 */

import { ISessionContext } from '@jupyterlab/apputils';
import { Kernel, KernelMessage } from '@jupyterlab/services';
import { PromiseDelegate } from '@lumino/coreutils';

/**
 * The time limit of one check, counted from the kernel's `busy` for the
 * check's first own request: time spent queued behind a cell the learner
 * started before does not count.
 */
export class CheckClock {
  constructor(readonly limitMs: number) {}

  /**
   * Resolves once the limit has passed since the clock started.
   */
  get expired(): Promise<'timeout'> {
    return this._expired.promise;
  }

  /**
   * Start the clock when the kernel turns busy for `future`'s request (a
   * clock already running keeps running).
   */
  watch(future: Kernel.IFuture<any, any>): void {
    const id = future.msg.header.msg_id;
    future.registerMessageHook((msg: KernelMessage.IIOPubMessage) => {
      if (
        KernelMessage.isStatusMsg(msg) &&
        msg.content.execution_state === 'busy' &&
        msg.parent_header &&
        (msg.parent_header as KernelMessage.IHeader).msg_id === id
      ) {
        this._start();
      }
      return true;
    });
  }

  dispose(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _start(): void {
    if (this._started) {
      return;
    }
    this._started = true;
    this._timer = setTimeout(
      () => this._expired.resolve('timeout'),
      this.limitMs
    );
  }

  private _expired = new PromiseDelegate<'timeout'>();
  private _started = false;
  private _timer: ReturnType<typeof setTimeout> | null = null;
}

/**
 * Resolves `lost` when the kernel a check started on dies, restarts, is
 * replaced or disconnects: its pending requests will never be answered.
 */
export class KernelWatch {
  constructor(
    private readonly _context: ISessionContext,
    private readonly _kernel: Kernel.IKernelConnection
  ) {
    _kernel.statusChanged.connect(this._onStatus, this);
    _kernel.connectionStatusChanged.connect(this._onConnection, this);
    _context.kernelChanged.connect(this._onReplaced, this);
  }

  get lost(): Promise<'lost'> {
    return this._lost.promise;
  }

  dispose(): void {
    this._kernel.statusChanged.disconnect(this._onStatus, this);
    this._kernel.connectionStatusChanged.disconnect(this._onConnection, this);
    this._context.kernelChanged.disconnect(this._onReplaced, this);
  }

  private _onStatus(_: unknown, status: Kernel.Status): void {
    if (
      status === 'dead' ||
      status === 'restarting' ||
      status === 'autorestarting'
    ) {
      this._lost.resolve('lost');
    }
  }

  private _onConnection(_: unknown, status: Kernel.ConnectionStatus): void {
    if (status === 'disconnected') {
      this._lost.resolve('lost');
    }
  }

  private _onReplaced(): void {
    this._lost.resolve('lost');
  }

  private _lost = new PromiseDelegate<'lost'>();
}

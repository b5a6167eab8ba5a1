/**
 * A one-line note above a lab notebook: a lab removed from the course, or a
 * newer release to upgrade to.
 */

import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';

const CLASS = 'jp-bytementor-LabBanner';

/**
 * What a banner says and offers.
 */
export interface IBannerOptions {
  message: string;
  /**
   * `info` for an offer, `warning` for a note about a problem.
   */
  kind: 'info' | 'warning';
  action?: { label: string; run: () => Promise<void> };
}

/**
 * The banner widget, placed in a notebook panel's content header.
 */
export class LabBanner extends Widget {
  constructor(options: IBannerOptions) {
    super();
    this.addClass(CLASS);
    this.addClass(`jp-mod-${options.kind}`);
    this.node.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.className = `${CLASS}-message`;
    text.textContent = options.message;
    this.node.appendChild(text);
    if (options.action) {
      const { label, run } = options.action;
      const button = document.createElement('button');
      button.className = `${CLASS}-action jp-mod-styled jp-mod-accept`;
      button.textContent = label;
      button.addEventListener('click', () => {
        button.disabled = true;
        run().finally(() => (button.disabled = false));
      });
      this.node.appendChild(button);
    }
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._fitHeight();
  }

  protected onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    this._fitHeight();
  }

  /**
   * The content header lays its widgets out by their minimum height: make
   * it the height of the banner's content, which wraps on narrow panels.
   */
  private _fitHeight(): void {
    const style = getComputedStyle(this.node);
    const padding =
      parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    const content = Math.max(
      0,
      ...[...this.node.children].map(
        child => child.getBoundingClientRect().height
      )
    );
    const height = `${Math.ceil(content + padding)}px`;
    if (this.node.style.minHeight !== height) {
      this.node.style.minHeight = height;
      this.parent?.fit();
    }
  }
}

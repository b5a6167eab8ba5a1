/**
 * The form under a prediction cell: the learner picks a choice or types a
 * number, commits once, and then reads whether they were right.
 */

import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { IPredictionReply } from '../catalog/types';
import { describe, IQuestion, letter, parseValue } from './format';

const CLASS = 'jp-bytementor-Prediction';

/**
 * The prediction form of one exercise.
 */
export class PredictionForm extends Widget {
  constructor(
    readonly question: IQuestion,
    private readonly _trans: TranslationBundle,
    private readonly _onCommit: (given: number) => Promise<void>
  ) {
    super({ node: document.createElement('form') });
    this.addClass(CLASS);
    this.node.dataset.exercise = question.exercise;
    this.node.setAttribute('aria-label', _trans.__('Your prediction'));
    this.node.addEventListener('submit', event => {
      event.preventDefault();
      void this._commit();
    });
    // Keys typed here are the learner's answer, not notebook shortcuts.
    this.node.addEventListener('keydown', event => event.stopPropagation());

    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = _trans.__('Your prediction');
    fieldset.appendChild(legend);
    if (question.choices) {
      question.choices.forEach((text, index) => {
        const label = document.createElement('label');
        label.className = `${CLASS}-choice`;
        const input = document.createElement('input');
        input.type = 'radio';
        input.name = `jp-bytementor-prediction-${question.exercise}`;
        input.value = String(index);
        input.addEventListener('change', () => this._updateButton());
        label.append(input, ` ${letter(index)}. ${text}`);
        fieldset.appendChild(label);
        this._inputs.push(input);
      });
    } else {
      const label = document.createElement('label');
      label.className = `${CLASS}-value`;
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = 'decimal';
      input.autocomplete = 'off';
      input.setAttribute('aria-label', _trans.__('Your predicted value'));
      input.addEventListener('input', () => this._updateButton());
      label.append(_trans.__('Value: '), input);
      if (question.units) {
        label.append(` ${question.units}`);
      }
      fieldset.appendChild(label);
      this._inputs.push(input);
    }
    this._button = document.createElement('button');
    this._button.type = 'submit';
    this._button.className = `jp-Button jp-mod-styled jp-mod-accept ${CLASS}-commit`;
    this._button.textContent = _trans.__('Commit prediction');
    this._button.disabled = true;
    const note = document.createElement('span');
    note.className = `${CLASS}-note`;
    note.textContent = _trans.__(
      'Once committed, a prediction cannot be changed. The answer opens below.'
    );
    const actions = document.createElement('div');
    actions.className = `${CLASS}-actions`;
    actions.append(this._button, note);
    this._result = document.createElement('div');
    this._result.className = `${CLASS}-result`;
    this._result.setAttribute('role', 'status');
    this._result.setAttribute('aria-live', 'polite');
    this.node.append(fieldset, actions, this._result);
  }

  /**
   * Show a committed prediction: the form is locked for good.
   */
  showCommitted(reply: IPredictionReply): void {
    this.addClass('jp-mod-committed');
    this.toggleClass('jp-mod-right', reply.correct);
    this.toggleClass('jp-mod-wrong', !reply.correct);
    for (const input of this._inputs) {
      input.disabled = true;
      if (input.type === 'radio') {
        input.checked = Number(input.value) === reply.given;
      } else {
        input.value = String(reply.given);
      }
    }
    this._button.disabled = true;
    const trans = this._trans;
    const yours = describe(this.question, reply.given);
    const answer = describe(this.question, reply.answer);
    if (reply.correct) {
      this._result.textContent = this.question.choices
        ? trans.__('Right: you predicted %1. The answer opens below.', yours)
        : trans.__(
            'Right: you predicted %1; the answer is %2 (within %3). The answer opens below.',
            yours,
            answer,
            reply.tolerance ?? 0
          );
    } else {
      this._result.textContent = this.question.choices
        ? trans.__(
            'Not this time: you predicted %1; the answer is %2. Read why below.',
            yours,
            answer
          )
        : trans.__(
            'Not this time: you predicted %1; the answer is %2 (you needed to be within %3). Read why below.',
            yours,
            answer,
            reply.tolerance ?? 0
          );
    }
  }

  /**
   * Add a sentence under the verdict.
   */
  showNote(message: string): void {
    const note = document.createElement('div');
    note.className = `${CLASS}-earlier`;
    note.textContent = message;
    this._result.appendChild(note);
  }

  /**
   * Say why a commit did not go through; the form stays open.
   */
  showError(message: string): void {
    this._result.textContent = message;
    this.addClass('jp-mod-error');
    this._updateButton();
  }

  private _given(): number | null {
    if (this.question.choices) {
      const picked = this._inputs.find(input => input.checked);
      return picked ? Number(picked.value) : null;
    }
    return parseValue(this._inputs[0].value);
  }

  private _updateButton(): void {
    if (!this.hasClass('jp-mod-committed')) {
      this._button.disabled = this._given() === null || this._busy;
    }
  }

  private async _commit(): Promise<void> {
    const given = this._given();
    if (given === null || this._busy || this.hasClass('jp-mod-committed')) {
      if (given === null && !this.question.choices) {
        this._result.textContent = this._trans.__(
          'Type one number, like 21 or 0.5, without thousands separators.'
        );
      }
      return;
    }
    this._busy = true;
    this.removeClass('jp-mod-error');
    this._updateButton();
    try {
      await this._onCommit(given);
    } finally {
      this._busy = false;
      this._updateButton();
    }
  }

  private _inputs: HTMLInputElement[] = [];
  private _button: HTMLButtonElement;
  private _result: HTMLDivElement;
  private _busy = false;
}

/**
 * What a prediction cell asks and how a committed prediction reads, as pure
 * functions (no JupyterLab imports).
 */

/**
 * A prediction question as the learner's copy holds it (no answer).
 */
export interface IQuestion {
  exercise: string;
  choices: string[] | null;
  tolerance: number | null;
  units: string | null;
}

/**
 * The question of a prediction cell's metadata, or null if it is none.
 */
export function questionOf(metadata: {
  [key: string]: unknown;
}): IQuestion | null {
  const raw = metadata['bytementor'] as { [key: string]: unknown } | undefined;
  if (!raw || raw['role'] !== 'prediction') {
    return null;
  }
  const exercise = raw['exercise'];
  if (typeof exercise !== 'string') {
    return null;
  }
  const choices = Array.isArray(raw['choices'])
    ? raw['choices'].filter((c): c is string => typeof c === 'string')
    : null;
  const tolerance =
    typeof raw['tolerance'] === 'number' ? raw['tolerance'] : null;
  const units = typeof raw['units'] === 'string' ? raw['units'] : null;
  return {
    exercise,
    choices: choices && choices.length > 0 ? choices : null,
    tolerance,
    units
  };
}

/**
 * The letter of choice `index`: A, B, C, ...
 */
export function letter(index: number): string {
  return String.fromCharCode(65 + index);
}

/**
 * A choice or a value as the learner reads it: "C (About 9%)", "21 components".
 */
export function describe(
  question: { choices: string[] | null; units: string | null },
  value: number
): string {
  if (question.choices) {
    const text = question.choices[value];
    return text === undefined ? letter(value) : `${letter(value)} (${text})`;
  }
  return question.units ? `${value} ${question.units}` : `${value}`;
}

/**
 * Read the number a learner typed: a comma as the decimal point is fine
 * ("0,9"), a thousands separator is not ("1,000" is ambiguous); null for
 * anything that is not one finite number.
 */
export function parseValue(text: string): number | null {
  const squeezed = text.trim().replace(/\s+/g, '');
  // "1,000" could be a thousand or one: refuse rather than guess.
  if (/^[-+]?\d{1,3}(,\d{3})+$/.test(squeezed)) {
    return null;
  }
  const cleaned = squeezed.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) {
    return null;
  }
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

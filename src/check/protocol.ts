/**
 * The check protocol's wire format (DESIGN.md §5), as pure functions.
 */

/**
 * The MIME type the kernel library's runner publishes its verdict under.
 */
export const CHECK_MIME = 'application/vnd.bytementor.check+json';

/**
 * One pristine test as served by `GET /bytementor/labs/<id>/tests`.
 */
export interface ITestSource {
  id: string;
  name: string;
  source: string;
}

/**
 * The pristine tests of a lab release.
 */
export interface ILabTests {
  lab: string;
  version: string;
  exercises: { [exercise: string]: { tests: ITestSource[] } };
}

/**
 * The verdict of one test.
 */
export interface ITestResult {
  name: string;
  passed: boolean;
  message: string;
  /**
   * What the test printed (captured and capped by the runner), if it says.
   */
  output?: string;
}

/**
 * The verdict of one check of one exercise.
 */
export interface ICheckResult {
  exercise: string;
  passed: boolean;
  tests: ITestResult[];
  ms: number;
}

/**
 * Build the code of the silent execute request that runs `tests`.
 *
 * The tests travel as a JSON string inside a Python string literal, so no
 * learner-controlled text is ever spliced into the code as code. The runner
 * module is bound under a dunder name and deleted again, so nothing of the
 * runner stays in the learner's namespace.
 */
export function buildCheckCode(
  exercise: string,
  tests: readonly ITestSource[]
): string {
  const payload = JSON.stringify(
    tests.map(t => ({ id: t.id, name: t.name, source: t.source }))
  );
  return [
    'import bytementor.runner as __bytementor_runner__',
    'try:',
    `    __bytementor_runner__.run_check(${pyString(exercise)}, ${pyString(payload)})`,
    'finally:',
    '    del __bytementor_runner__'
  ].join('\n');
}

/**
 * A Python string literal holding `text` exactly.
 *
 * JSON string escapes are valid Python escapes, except that Python reads
 * `\/` literally; `JSON.stringify` never emits it, so this is exact.
 */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/**
 * Read a check result from a `display_data` bundle, or `null` if the bundle
 * is not a well-formed check result.
 */
export function parseCheckResult(data: unknown): ICheckResult | null {
  if (!data || typeof data !== 'object') {
    return null;
  }
  const raw = data as { [key: string]: unknown };
  if (
    typeof raw['exercise'] !== 'string' ||
    typeof raw['passed'] !== 'boolean' ||
    !Array.isArray(raw['tests'])
  ) {
    return null;
  }
  const tests: ITestResult[] = [];
  for (const item of raw['tests'] as unknown[]) {
    if (!item || typeof item !== 'object') {
      return null;
    }
    const test = item as { [key: string]: unknown };
    if (
      typeof test['name'] !== 'string' ||
      typeof test['passed'] !== 'boolean'
    ) {
      return null;
    }
    tests.push({
      name: test['name'],
      passed: test['passed'],
      message: typeof test['message'] === 'string' ? test['message'] : '',
      ...(typeof test['output'] === 'string' && test['output']
        ? { output: test['output'] }
        : {})
    });
  }
  // A check with no test proves nothing: never count it as a pass.
  const passed =
    raw['passed'] && tests.length > 0 && tests.every(t => t.passed);
  const ms = typeof raw['ms'] === 'number' ? raw['ms'] : 0;
  return { exercise: raw['exercise'], passed, tests, ms };
}

const MAX_TIME_LIMIT_SECONDS = 3600;

/**
 * The time limit in milliseconds, kept where a browser timer works: a value
 * past about 24.8 days overflows `setTimeout`, which then fires at once.
 */
export function timeLimitMs(seconds: unknown): number {
  const value = typeof seconds === 'number' && seconds > 0 ? seconds : 30;
  return Math.min(value, MAX_TIME_LIMIT_SECONDS) * 1000;
}

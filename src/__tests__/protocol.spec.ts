import {
  buildCheckCode,
  parseCheckResult,
  timeLimitMs
} from '../check/protocol';

describe('check protocol', () => {
  it('embeds tests as data, never as code', () => {
    const source = 'assert f() == "a\\"b"\n"""\'\'\' \u2028 done';
    const code = buildCheckCode('mse', [{ id: 'c1', name: 'quotes', source }]);
    const literal = code
      .split('\n')[2]
      .match(/run_check\(("(?:[^"\\]|\\.)*"), (".*")\)$/s);
    expect(literal).not.toBeNull();
    // A JSON string literal is a Python string literal with the same value.
    const payload = JSON.parse(JSON.parse(literal![2]));
    expect(payload).toEqual([{ id: 'c1', name: 'quotes', source }]);
    expect(code).toContain('del __bytementor_runner__');
  });

  it('reads a well-formed verdict', () => {
    const result = parseCheckResult({
      exercise: 'mse',
      passed: true,
      ms: 2.5,
      tests: [{ name: 'worked example', passed: true, message: '' }]
    });
    expect(result).toEqual({
      exercise: 'mse',
      passed: true,
      ms: 2.5,
      tests: [{ name: 'worked example', passed: true, message: '' }]
    });
  });

  it('keeps what a test printed, when the runner sends it', () => {
    const result = parseCheckResult({
      exercise: 'mse',
      passed: false,
      tests: [
        { name: 'a', passed: false, message: 'wrong', output: 'loss 3\n' },
        { name: 'b', passed: true, message: '', output: '' },
        { name: 'c', passed: true, message: '', output: 42 }
      ]
    });
    expect(result?.tests.map(t => t.output)).toEqual([
      'loss 3\n',
      undefined,
      undefined
    ]);
  });

  it('never reports a pass without tests or with a failing test', () => {
    expect(
      parseCheckResult({ exercise: 'mse', passed: true, tests: [] })?.passed
    ).toBe(false);
    expect(
      parseCheckResult({
        exercise: 'mse',
        passed: true,
        tests: [{ name: 'a', passed: false, message: 'wrong' }]
      })?.passed
    ).toBe(false);
  });

  it('rejects malformed bundles', () => {
    expect(parseCheckResult(undefined)).toBeNull();
    expect(
      parseCheckResult({ exercise: 'mse', passed: 'yes', tests: [] })
    ).toBeNull();
    expect(
      parseCheckResult({ exercise: 'mse', passed: true, tests: [{ name: 3 }] })
    ).toBeNull();
  });
});

describe('check time limit', () => {
  it('is the setting in milliseconds', () => {
    expect(timeLimitMs(30)).toBe(30000);
  });

  it('stays within what a browser timer can wait', () => {
    // setTimeout fires at once past 2^31 - 1 ms (about 24.8 days).
    expect(timeLimitMs(3_000_000)).toBe(3_600_000);
    expect(timeLimitMs(3_000_000)).toBeLessThan(2 ** 31 - 1);
  });

  it('falls back to the default for a value that is not a time', () => {
    expect(timeLimitMs(-5)).toBe(30000);
    expect(timeLimitMs('ten')).toBe(30000);
    expect(timeLimitMs(undefined)).toBe(30000);
  });
});

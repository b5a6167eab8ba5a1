import { nullTranslator } from '@jupyterlab/translation';

import { failureDetail, failuresOf } from '../check/summary';

const trans = nullTranslator.load('jupyterlab-bytementor');

describe('summary row of failing tests', () => {
  it('says a message shared by every failing test once', () => {
    const stub = 'Not written yet: replace `raise NotImplementedError(...)`.';
    const detail = failureDetail(
      [
        { name: 'on a small array', message: stub },
        { name: 'on a small array (hidden)', message: stub },
        { name: 'matches scikit-learn', message: stub }
      ],
      trans
    );
    expect(detail).toBe(`all 3 tests: ${stub}`);
  });

  it('gives the first failure and counts the others', () => {
    const detail = failureDetail(
      [
        { name: 'shape', message: 'should be (3, 2) but was (2, 3)' },
        { name: 'values', message: 'wrong values' }
      ],
      trans
    );
    expect(detail).toBe(
      'shape: should be (3, 2) but was (2, 3) (and 1 more failing test)'
    );
  });

  it('shortens a long message to one line', () => {
    const detail = failureDetail(
      [{ name: 'dump', message: `${'[1 2 3]\n'.repeat(100)}` }],
      trans
    );
    expect(detail.length).toBeLessThan(260);
    expect(detail).not.toContain('\n');
    expect(detail.endsWith('…')).toBe(true);
  });

  it('reads the server lines "name: message"', () => {
    expect(failuresOf(['a test: it failed: badly', 'no colon'])).toEqual([
      { name: 'a test', message: 'it failed: badly' },
      { name: 'no colon', message: '' }
    ]);
  });
});

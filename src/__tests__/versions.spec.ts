import { ICatalog } from '../catalog/types';
import { compareVersions, copyStatus, outdatedCopies } from '../lab/versions';

const catalog: ICatalog = {
  format: 1,
  stages: [],
  tracks: [],
  labs: [
    {
      id: 'gradient-descent',
      version: '1.1.0',
      title: 'Gradient descent',
      stage: 2,
      track: 'ml-algorithm-lab',
      minutes: 120,
      skills: [],
      requires: [],
      exercises: []
    }
  ]
};

describe('copyStatus', () => {
  it('calls a copy of the released version current', () => {
    expect(copyStatus(catalog, 'gradient-descent', '1.1.0')).toEqual({
      kind: 'current'
    });
  });

  it('offers an upgrade for a copy of another version, older or unreadable', () => {
    expect(copyStatus(catalog, 'gradient-descent', '1.0.0')).toEqual({
      kind: 'outdated',
      from: '1.0.0',
      to: '1.1.0'
    });
    expect(copyStatus(catalog, 'gradient-descent', null)).toEqual({
      kind: 'outdated',
      from: null,
      to: '1.1.0'
    });
  });

  it('offers no downgrade to a copy newer than the course', () => {
    expect(copyStatus(catalog, 'gradient-descent', '2.0.0')).toEqual({
      kind: 'newer',
      version: '2.0.0',
      course: '1.1.0'
    });
    expect(copyStatus(catalog, 'gradient-descent', '1.10.0').kind).toBe(
      'newer'
    );
  });

  it('compares versions number by number', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.9.0', '1.0.0')).toBeLessThan(0);
    expect(compareVersions('draft', '1.0.0')).toBe(null);
  });

  it('tells a lab the server cannot load from one the course removed', () => {
    expect(
      copyStatus(
        { ...catalog, unavailable: ['broken-lab'] },
        'broken-lab',
        '1.0.0'
      )
    ).toEqual({ kind: 'unavailable' });
  });

  it('says a lab the course no longer has is removed', () => {
    expect(copyStatus(catalog, 'old-lab', '1.0.0')).toEqual({
      kind: 'removed'
    });
  });
});

describe('outdatedCopies', () => {
  it('lists only the copies that an upgrade would change', () => {
    const found = outdatedCopies(catalog, {
      'gradient-descent': {
        path: 'bytementor-labs/gd.ipynb',
        version: '1.0.0'
      },
      'old-lab': { path: 'bytementor-labs/old-lab.ipynb', version: '1.0.0' }
    });
    expect([...found.entries()]).toEqual([
      [
        'gradient-descent',
        { path: 'bytementor-labs/gd.ipynb', from: '1.0.0', to: '1.1.0' }
      ]
    ]);
  });
});

import {
  describe as say,
  letter,
  parseValue,
  questionOf
} from '../predict/format';

describe('questionOf', () => {
  it('reads a choice question and ignores other cells', () => {
    expect(
      questionOf({
        bytementor: {
          role: 'prediction',
          exercise: 'bayes',
          choices: ['About 90%', 'About 9%']
        }
      })
    ).toEqual({
      exercise: 'bayes',
      choices: ['About 90%', 'About 9%'],
      tolerance: null,
      units: null
    });
    expect(questionOf({ bytementor: { role: 'test', exercise: 'x' } })).toBe(
      null
    );
    expect(questionOf({})).toBe(null);
  });

  it('reads a numeric question with its tolerance and units', () => {
    expect(
      questionOf({
        bytementor: {
          role: 'prediction',
          exercise: 'pca',
          tolerance: 2,
          units: 'components'
        }
      })
    ).toEqual({
      exercise: 'pca',
      choices: null,
      tolerance: 2,
      units: 'components'
    });
  });
});

describe('describe', () => {
  it('names a choice by letter and text, a value with its units', () => {
    expect(letter(2)).toBe('C');
    expect(say({ choices: ['a', 'b', 'c'], units: null }, 2)).toBe('C (c)');
    expect(say({ choices: null, units: 'components' }, 21)).toBe(
      '21 components'
    );
    expect(say({ choices: null, units: null }, 0.5)).toBe('0.5');
  });
});

describe('parseValue', () => {
  it('reads numbers as people type them', () => {
    expect(parseValue(' 21 ')).toBe(21);
    expect(parseValue('0,9')).toBe(0.9);
    expect(parseValue('-3.5e2')).toBe(-350);
    expect(parseValue('.5')).toBe(0.5);
  });

  it('refuses what is not one number', () => {
    expect(parseValue('')).toBe(null);
    expect(parseValue('about 20')).toBe(null);
    expect(parseValue('1.2.3')).toBe(null);
    expect(parseValue('Infinity')).toBe(null);
    expect(parseValue('1,000')).toBe(null);
    expect(parseValue('12,345,678')).toBe(null);
  });
});

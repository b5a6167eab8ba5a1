import {
  cellsToRun,
  exerciseAt,
  ICellLike,
  isLocked,
  labOf,
  lastTestCell,
  roleOf
} from '../lab/roles';

function cell(
  id: string,
  role: string | null,
  exercise?: string,
  cellType = 'code'
): ICellLike {
  const metadata: { [key: string]: unknown } = {};
  if (role) {
    metadata.bytementor = exercise ? { role, exercise } : { role };
  }
  return { id, cellType, metadata };
}

const notebook: ICellLike[] = [
  cell('intro', 'instructions', undefined, 'markdown'),
  cell('imports', 'setup'),
  cell('mse-text', 'instructions', 'mse', 'markdown'),
  cell('mse-answer', 'learner', 'mse'),
  cell('mine', null),
  cell('mse-test', 'test', 'mse'),
  cell('grad-text', 'instructions', undefined, 'markdown'),
  cell('grad-data', 'setup', 'grad'),
  cell('grad-answer', 'learner', 'grad'),
  cell('grad-test', 'test', 'grad')
];

describe('cell roles', () => {
  it('reads roles and treats unknown roles as learner-added cells', () => {
    expect(roleOf(notebook[5])).toEqual({
      role: 'test',
      exercise: 'mse',
      name: null
    });
    expect(roleOf(notebook[4])).toBeNull();
    expect(roleOf(cell('x', 'grader'))).toBeNull();
  });

  it('locks instructions, setup and tests but not answers', () => {
    expect(notebook.filter(isLocked).map(c => c.id)).toEqual([
      'intro',
      'imports',
      'mse-text',
      'mse-test',
      'grad-text',
      'grad-data',
      'grad-test'
    ]);
  });

  it('runs shared setup and the cells of the exercise and those before it', () => {
    expect(cellsToRun(notebook, 'grad').map(i => notebook[i].id)).toEqual([
      'imports',
      'mse-answer',
      'grad-data',
      'grad-answer'
    ]);
    expect(cellsToRun(notebook, 'mse').map(i => notebook[i].id)).toEqual([
      'imports',
      'mse-answer'
    ]);
  });

  it('finds the exercise holding a cell, including cells the learner added', () => {
    expect(exerciseAt(notebook, 4)).toBe('mse');
    expect(exerciseAt(notebook, 8)).toBe('grad');
    expect(exerciseAt(notebook, 0)).toBeNull();
    expect(exerciseAt(notebook, 6)).toBeNull();
  });

  it("places an exercise's verdict after its last test", () => {
    expect(lastTestCell(notebook, 'mse')).toBe(5);
    expect(lastTestCell(notebook, 'nope')).toBeNull();
  });

  it('reads the lab a notebook belongs to', () => {
    expect(labOf({})).toBeNull();
    expect(
      labOf({
        bytementor: {
          format: 1,
          lab: {
            id: 'gd',
            version: '1.0.0',
            title: 'GD',
            exercises: [{ id: 'mse', title: 'MSE' }, { bad: 1 }]
          }
        }
      })
    ).toEqual({
      id: 'gd',
      version: '1.0.0',
      title: 'GD',
      exercises: [{ id: 'mse', title: 'MSE' }]
    });
  });
});

/**
 * Command ids of ByteMentor, in one place.
 */
export namespace CommandIDs {
  export const openRoadmap = 'bytementor:open-roadmap';
  export const openLab = 'bytementor:open-lab';
  export const checkAnswer = 'bytementor:check-answer';
  export const checkAll = 'bytementor:check-all';
  export const upgradeLab = 'bytementor:upgrade-lab';
  export const resetCell = 'bytementor:reset-cell';
  export const resetExercise = 'bytementor:reset-exercise';
}

/**
 * Command ids of ByteMentor, in one place.
 */
export namespace CommandIDs {
  export const openRoadmap = 'bytementor:open-roadmap';
  export const openLab = 'bytementor:open-lab';
  export const checkAnswer = 'bytementor:check-answer';
  export const checkAll = 'bytementor:check-all';
  export const upgradeLab = 'bytementor:upgrade-lab';
  export const verifyClean = 'bytementor:verify-clean';
  export const choosePath = 'bytementor:choose-path';
  export const openNextLab = 'bytementor:open-next-lab';
  export const resetCell = 'bytementor:reset-cell';
  export const resetExercise = 'bytementor:reset-exercise';
}

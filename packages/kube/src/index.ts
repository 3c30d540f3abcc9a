export { type RolloutStatus, rolloutStatus } from './rollout-status.js';
export { ownedReplicaSets, UndoError, type UndoResult, undoDeployment } from './undo.js';

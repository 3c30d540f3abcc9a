import { readState, saveState } from '@gke-deploy/action-kit';

const STATE = 'rollout';

/** SavedRollout is what the main step leaves for the post step while a rollout is under way. */
export interface SavedRollout {
  namespace: string;
  service: string;
  /** Who holds the deploy lock. */
  holder: string;
  /** Each Deployment's revision before the rollout; 0 for one the rollout creates. */
  revisions: Record<string, number>;
  /** The release the rollout recorded, once it has. */
  release?: number;
  /** A blue-green or canary release: a cancel aborts the candidate this run made. */
  progressive?: boolean;
}

/**
 * saveProgress records, before anything is applied, what the post step needs to undo the
 * rollout; saving undefined says the main step finished (succeeded or failed on its own terms).
 */
export function saveProgress(rollout: SavedRollout | undefined): void {
  saveState(STATE, rollout ? JSON.stringify(rollout) : '');
}

/** unfinishedRollout is the rollout a cancelled or killed main step left behind, if any. */
export function unfinishedRollout(): SavedRollout | undefined {
  const saved = readState(STATE);
  return saved ? (JSON.parse(saved) as SavedRollout) : undefined;
}

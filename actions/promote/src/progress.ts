import { readState, saveState } from '@gke-deploy/action-kit';
import type { TrafficState } from '@gke-deploy/kube';

const STATE = 'promotion';

/** SavedPromotion is what the main step leaves for the post step while it moves traffic. */
export interface SavedPromotion {
  namespace: string;
  service: string;
  /** Who held the deploy lock. */
  holder: string;
  /** Where traffic stood before this run moved it. */
  from: TrafficState;
}

/** savePromotion records, before traffic moves, what the post step needs; undefined says the main step finished. */
export function savePromotion(promotion: SavedPromotion | undefined): void {
  saveState(STATE, promotion ? JSON.stringify(promotion) : '');
}

/** unfinishedPromotion is the promotion a cancelled or killed main step left behind, if any. */
export function unfinishedPromotion(): SavedPromotion | undefined {
  const saved = readState(STATE);
  return saved ? (JSON.parse(saved) as SavedPromotion) : undefined;
}

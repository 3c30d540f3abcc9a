import type { KObject } from '../store.js';
import { Controller, PERSISTENT_VOLUME_CLAIMS } from './context.js';

/**
 * PersistentVolumeClaimController binds every claim at once, as GKE's default StorageClass
 * (dynamic provisioning, Immediate binding) does in a few seconds: phase Bound, the requested
 * capacity, the claim's access modes and a volume name.
 */
export class PersistentVolumeClaimController extends Controller {
  sync(claim: KObject): void {
    if ((claim.status as { phase?: string } | undefined)?.phase === 'Bound') return;
    const spec = (claim.spec ?? {}) as { accessModes?: string[]; resources?: { requests?: { storage?: string } } };
    claim.spec = { ...claim.spec, volumeName: `pvc-${claim.metadata.uid}` };
    this.store.update(PERSISTENT_VOLUME_CLAIMS, claim);
    const bound = this.store.get(PERSISTENT_VOLUME_CLAIMS, claim.metadata.namespace, claim.metadata.name as string);
    bound.status = {
      phase: 'Bound',
      accessModes: spec.accessModes ?? ['ReadWriteOnce'],
      capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
    };
    this.store.update(PERSISTENT_VOLUME_CLAIMS, bound, { subresource: 'status' });
  }
}

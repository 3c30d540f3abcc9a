// The simulated cluster's control plane: one controller per kind in controllers/, run in passes
// over the shared context (controllers/context.ts) whenever the store changes, and on a tick.
import type { Clock } from './clock.js';
import {
  AUTOSCALERS,
  type ControllerContext,
  type ControllerTiming,
  DEPLOYMENTS,
  EVENTS,
  GATEWAYS,
  HTTPROUTES,
  INGRESSES,
  JOBS,
  MANAGED_CERTIFICATES,
  PERSISTENT_VOLUME_CLAIMS,
  PODS,
  REPLICASETS,
} from './controllers/context.js';
import { DeploymentController } from './controllers/deployment.js';
import { GatewayController } from './controllers/gateway.js';
import { HorizontalPodAutoscalerController } from './controllers/horizontal-pod-autoscaler.js';
import { IngressController } from './controllers/ingress.js';
import { JobController } from './controllers/job.js';
import { Kubelet } from './controllers/kubelet.js';
import { ManagedCertificateController } from './controllers/managed-certificate.js';
import { NegController } from './controllers/neg.js';
import { PersistentVolumeClaimController } from './controllers/persistent-volume-claim.js';
import { ReplicaSetController } from './controllers/replica-set.js';
import type { GkeModel } from './gke.js';
import type { Network } from './network.js';
import { type ImageCatalog, PodRuntime } from './runtime.js';
import { clone, type Store } from './store.js';

export { type ControllerTiming, podTemplateHash, resolveIntOrPercent } from './controllers/context.js';

export interface ControllerOptions {
  store: Store;
  clock: Clock;
  images: ImageCatalog;
  network: Network;
  timing: ControllerTiming;
  gke: GkeModel;
  /** How often controllers reconcile everything, in real milliseconds. */
  tickMs: number;
  /** Extra real milliseconds before each reaction (fault injection: a slow control plane). */
  delay: () => number;
  /** Whether a controller writes again what it already wrote (fault injection). */
  spuriousWrite: () => boolean;
}

/**
 * Controllers run the deployment controller, the replica set controller, the kubelet, and GKE's
 * Ingress, Gateway, NEG and managed certificate controllers, the HorizontalPodAutoscaler and Job controllers, of the simulated cluster, following upstream behaviour closely
 * enough that `kubectl rollout status`, `history` and `undo` cannot tell the difference.
 */
export class Controllers {
  readonly runtime: PodRuntime;
  private scheduled = false;
  private timer?: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly store: Store;
  private readonly delay: () => number;
  private readonly deployments: DeploymentController;
  private readonly replicaSets: ReplicaSetController;
  private readonly jobs: JobController;
  private readonly kubelet: Kubelet;
  private readonly certificates: ManagedCertificateController;
  private readonly ingresses: IngressController;
  private readonly gateways: GatewayController;
  private readonly negs: NegController;
  private readonly claims: PersistentVolumeClaimController;
  private readonly autoscalers: HorizontalPodAutoscalerController;

  constructor(options: ControllerOptions) {
    const { store, clock, tickMs } = options;
    this.store = store;
    this.delay = options.delay;
    this.runtime = new PodRuntime(clock);
    const context: ControllerContext = {
      store,
      clock,
      images: options.images,
      network: options.network,
      timing: options.timing,
      gke: options.gke,
      runtime: this.runtime,
      schedule: () => this.schedule(),
      spuriousWrite: options.spuriousWrite,
    };
    this.deployments = new DeploymentController(context);
    this.replicaSets = new ReplicaSetController(context);
    this.jobs = new JobController(context);
    this.kubelet = new Kubelet(context);
    this.certificates = new ManagedCertificateController(context);
    this.ingresses = new IngressController(context);
    this.gateways = new GatewayController(context);
    this.negs = new NegController(context);
    this.claims = new PersistentVolumeClaimController(context);
    this.autoscalers = new HorizontalPodAutoscalerController(context);
    this.unsubscribe = store.subscribe((event) => {
      if (event.resource !== EVENTS) this.schedule();
    });
    const tick = () => {
      this.reconcile();
      this.timer = setTimeout(tick, tickMs + this.delay());
    };
    this.timer = setTimeout(tick, tickMs);
  }

  stop(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.reconcile();
    }, this.delay());
  }

  /** reconcile runs one pass of every controller over the objects it owns. */
  reconcile(): void {
    try {
      // Lists hand out the stored, frozen objects: each controller works on its own copy.
      for (const claim of this.store.list(PERSISTENT_VOLUME_CLAIMS)) this.claims.sync(clone(claim));
      for (const autoscaler of this.store.list(AUTOSCALERS)) this.autoscalers.sync(clone(autoscaler));
      for (const deployment of this.store.list(DEPLOYMENTS)) this.deployments.sync(clone(deployment));
      for (const replicaSet of this.store.list(REPLICASETS)) this.replicaSets.sync(clone(replicaSet));
      for (const job of this.store.list(JOBS)) this.jobs.sync(clone(job));
      for (const pod of this.store.list(PODS)) this.kubelet.sync(clone(pod));
      for (const pod of this.store.list(PODS)) this.negs.sync(clone(pod));
      for (const certificate of this.store.list(MANAGED_CERTIFICATES)) this.certificates.sync(clone(certificate));
      for (const ingress of this.store.list(INGRESSES)) this.ingresses.sync(clone(ingress));
      for (const gateway of this.store.list(GATEWAYS)) this.gateways.syncGateway(clone(gateway));
      for (const route of this.store.list(HTTPROUTES)) this.gateways.syncRoute(clone(route));
      // The garbage collector: owners deleted in the foreground go once their dependents are gone.
      this.store.finishForegroundDeletions();
    } catch (error) {
      // A conflict with a concurrent client write: the next pass sees the new version.
      if ((error as { code?: number }).code !== 409 && (error as { code?: number }).code !== 404) throw error;
    }
  }

  /** podLog is a container's log (or its previous run's), as `kubectl logs [--previous]` reads it. */
  podLog(namespace: string, name: string, container: string | undefined, previous: boolean): string | undefined {
    return this.kubelet.podLog(namespace, name, container, previous);
  }
}

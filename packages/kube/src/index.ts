export {
  AUTOSCALERS,
  CONFIG_MAPS,
  DEPLOYMENTS,
  EVENTS,
  GATEWAYS,
  INGRESSES,
  JOBS,
  KubeApi,
  kubeApi,
  LEASES,
  type List,
  NAMESPACES,
  type PatchType,
  PODS,
  REPLICA_SETS,
  type Resource,
} from './api.js';
export {
  type ApplyAction,
  type ApplyOptions,
  type ApplyResult,
  applyObjects,
  certainlyUnchanged,
  changedFields,
  describeApply,
  FIELD_MANAGER,
  type ReadAhead,
  readAhead,
  traceAnnotations,
} from './apply.js';
export {
  autoscaledDeployments,
  dropReplicas,
  HANDOVER_MANAGER,
  handOverReplicas,
  leaveReplicasToAutoscalers,
} from './autoscalers.js';
export { isTransient, KubernetesApiError } from './client.js';
export {
  type ConnectOptions,
  connect,
  connectEarly,
  earlyCredentials,
  type KubeconfigSource,
  kubeconfigContent,
  loadKubeConfig,
} from './connect.js';
export {
  CONNECTION_INPUTS,
  type ConnectionInputs,
  type GkeEndpoint,
  readConnectionInputs,
} from './connection-inputs.js';
export { type Deadline, DeadlineExceeded, deadlineIn, deadlineOf, StepDeadline } from './deadline.js';
export type { GkeCoordinates } from './gke.js';
export {
  CONTROLLER_GRACE_MS,
  JobFailure,
  type JobOutcome,
  type RunJobOptions,
  removeJob,
  runJob,
} from './job.js';
export {
  acquireDeployLock,
  type DeployLock,
  type DeployLockOptions,
  holdDeployLock,
  LockTimeout,
  lockHolder,
  releaseDeployLock,
} from './lock.js';
export { createNamespace, ensureNamespace, type NamespaceOptions } from './namespace.js';
export {
  abortCandidate,
  drain,
  type GuardOptions,
  guardTraffic,
  PENDING_KEY,
  type PromoteOptions,
  type PromoteResult,
  promote,
  promoteCandidate,
  type RollOptions,
  type RollResult,
  rollRecorded,
  slotJudge,
  switchBack,
} from './promotion.js';
export { proxyStatus } from './proxy.js';
export {
  latestRelease,
  RELEASE_OF_LABEL,
  type ReleaseChange,
  type ReleaseRecord,
  type ReleaseStatus,
  recordRelease,
  updateRelease,
} from './release.js';
export {
  containerImages,
  observedDeployment,
  podsPattern,
  REVISION_ANNOTATION,
  revisionLines,
  revisionOf,
  sameImages,
} from './revision.js';
export { type RolloutStatus, rolloutStatus } from './rollout-status.js';
export { stableJson } from './stable-json.js';
export { type ClusterStep, type ClusterStepOptions, type StepConfig, startClusterStep, stepOptions } from './step.js';
export {
  checkRoute,
  type GatewayRef,
  type IngressRouting,
  NEG_READY,
  negProblem,
  otherSlot,
  PREVIEW_HEADER,
  previewHost,
  type RouteRecord,
  type RouteSettings,
  readRoute,
  routeName,
  routeObject,
  SLOT_LABEL,
  SLOTS,
  type Slot,
  scaleSlot,
  slotName,
  slotPods,
  slotProblem,
  TRAFFIC_ANNOTATION,
  watchSlot,
  writeRoute,
} from './traffic.js';
export {
  abortedState,
  type CandidateSpec,
  candidateState,
  describeTraffic,
  firstState,
  nextWeight,
  promotedState,
  requireCandidate,
  rolledState,
  sameState,
  scaleDownDue,
  scaledDownState,
  staleState,
  stepState,
  switchedBackState,
  type TrafficState,
  weightOf,
} from './traffic-state.js';
export {
  applyUndo,
  ownedReplicaSets,
  planUndo,
  UndoError,
  type UndoPlan,
  type UndoResult,
  undoDeployment,
} from './undo.js';
export {
  diagnose,
  FATAL_REASONS,
  RolloutFailure,
  type RolloutOutcome,
  rolloutFailures,
  type WaitOptions,
  type WaitResult,
  waitForRollout,
  waitForRollouts,
} from './wait.js';
export { type Change, nextChange, WatchedCollection, type WatchedPath } from './watch.js';

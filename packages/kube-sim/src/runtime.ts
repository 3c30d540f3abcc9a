import type { Clock } from './clock.js';

export interface ContainerRequest {
  /** The pod the request reached (set by the simulator). */
  pod?: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ContainerResponse {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** ContainerHandler answers an HTTP request sent to a container (synchronously or not). */
export type ContainerHandler = (request: ContainerRequest) => ContainerResponse | Promise<ContainerResponse>;

/** defaultHandler is what a container answers when its image registers no handler. */
export const defaultHandler: ContainerHandler = () => ({
  status: 200,
  body: 'ok',
  headers: { 'content-type': 'text/plain' },
});

/** ImageBehaviour is how containers of an image act in the simulated cluster. */
export interface ImageBehaviour {
  /** Time from container start to ready, in simulated ms. Default 200. */
  readyAfterMs?: number;
  /** Whether the readiness probe ever passes. Default true. */
  ready?: boolean;
  /** The container exits this long after it starts (a crash loop). */
  crash?: { afterMs?: number; exitCode?: number; log?: string };
  /**
   * The container runs to completion (a batch command: a migration, a Job): it exits with
   * `exitCode` (default 0) this long after it starts. Restarted as the pod's restartPolicy says.
   */
  exit?: { afterMs?: number; exitCode?: number; log?: string };
  /**
   * The app exports Prometheus metrics on GET /metrics: http_requests_total by method and code,
   * and the http_request_duration_seconds histogram, of the requests it answered (not the
   * health checks of kubelet and the load balancer).
   */
  metrics?: boolean;
  /** The share of its users' requests (0 to 1) the app answers 500, spread evenly. */
  errorRate?: number;
  /** How long the app takes to answer, in simulated ms, as its latency histogram records it. */
  latencyMs?: number;
  /** The image cannot be pulled (as a typo'd tag). */
  pullError?: boolean;
  /** HTTP answers of the container (for services, ingresses and probes). */
  /** HTTP answers of the container (for services, ingresses, the API server proxy and readiness probes). Default: 200 "ok". */
  handler?: ContainerHandler;
  /** Lines the container writes to its log when it starts. */
  log?: string;
  /**
   * How a container of the image acts when it runs one of these commands (its command and args,
   * joined by spaces; exact, or `*` globs; the last match wins) instead of the image's own: a
   * migration or a check run on the service's image.
   */
  commands?: Record<string, ImageBehaviour>;
  /** Runs an exec probe's command in the container; default: every command exits 0. */
  exec?: (command: string[]) => { exitCode: number; output?: string };
}

interface Registration {
  pattern: string | RegExp;
  behaviour: ImageBehaviour;
}

function matches(pattern: string | RegExp, image: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(image);
  if (!pattern.includes('*')) return pattern === image;
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(image);
}

/** commandBehaviour is the behaviour an image has for a command line: the last pattern that matches. */
function commandBehaviour(behaviour: ImageBehaviour, command: string): ImageBehaviour | undefined {
  const patterns = Object.keys(behaviour.commands ?? {}).reverse();
  const found = patterns.find((pattern) => matches(pattern, command));
  return found === undefined ? undefined : behaviour.commands?.[found];
}

/**
 * ImageCatalog resolves an image to its behaviour: the latest registration that matches wins,
 * otherwise the default (ready after a delay, answers 200). With a registry check, an image that
 * is not in the registry fails to pull, as a typo'd tag does on GKE.
 */
export class ImageCatalog {
  private readonly registrations: Registration[] = [];

  private readonly defaults: ImageBehaviour;
  private readonly exists?: (image: string) => boolean;

  constructor(defaults: ImageBehaviour, exists?: (image: string) => boolean) {
    this.defaults = defaults;
    this.exists = exists;
  }

  register(pattern: string | RegExp, behaviour: ImageBehaviour): void {
    this.registrations.unshift({ pattern, behaviour });
  }

  /** resolve is how a container of `image` acts; given its command line, a behaviour the image has for it. */
  resolve(image: string, command?: string): ImageBehaviour {
    const found = this.registrations.find((registration) => matches(registration.pattern, image));
    const behaviour = found
      ? { ...this.defaults, ...found.behaviour }
      : this.exists && !this.exists(image)
        ? { ...this.defaults, pullError: true }
        : this.defaults;
    const own = command === undefined ? undefined : commandBehaviour(behaviour, command);
    return own ? { ...this.defaults, pullError: behaviour.pullError, ...own } : behaviour;
  }
}

/** ContainerRun is the runtime's memory of one container: when it started, how often it restarted, its logs. */
export interface ContainerRun {
  startedAt?: number;
  restarts: number;
  lastExit?: { exitCode: number; finishedAt: number; startedAt: number };
  /** The exit the pod's restartPolicy does not restart after: the container stays terminated. */
  finished?: { exitCode: number; finishedAt: number; startedAt: number };
  nextStartAt?: number;
  log: string;
  previousLog?: string;
  pullFailures: number;
  /** The last readiness probe's verdict, and when it ran (simulated ms). */
  probeOk?: boolean;
  lastProbeAt?: number;
  probing?: boolean;
}

export class PodRuntime {
  readonly containers = new Map<string, ContainerRun>();

  readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  container(podUid: string, name: string): ContainerRun {
    const key = `${podUid}/${name}`;
    let run = this.containers.get(key);
    if (!run) {
      run = { restarts: 0, log: '', pullFailures: 0 };
      this.containers.set(key, run);
    }
    return run;
  }

  forget(podUid: string): void {
    for (const key of this.containers.keys()) if (key.startsWith(`${podUid}/`)) this.containers.delete(key);
  }
}

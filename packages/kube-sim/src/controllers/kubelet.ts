import type { ResourceType } from '../resources.js';
import type { ContainerRun, ImageBehaviour } from '../runtime.js';
import type { KObject } from '../store.js';
import { CONFIGMAPS, type Condition, Controller, PODS, SECRETS, stableJson } from './context.js';

/**
 * terminated is a container's terminated state as containerd's CRI reports it: reason Completed
 * for exit code 0, else Error (containerd's completeExitReason / errorExitReason).
 */
function terminated(exit: { exitCode: number; startedAt: number; finishedAt: number }): Record<string, unknown> {
  return {
    exitCode: exit.exitCode,
    reason: exit.exitCode === 0 ? 'Completed' : 'Error',
    startedAt: new Date(exit.startedAt).toISOString(),
    finishedAt: new Date(exit.finishedAt).toISOString(),
  };
}

/**
 * expand replaces `$(NAME)` in a command's argument with the container's environment variable, as
 * kubelet does before it starts the container (k8s.io/kubernetes third_party/forked/golang/expansion):
 * `$$` is a literal `$`, and a name it does not know stays as it is.
 */
function expand(arg: string, values: ReadonlyMap<string, string>): string {
  return arg.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name: string | undefined) =>
    name === undefined ? '$' : (values.get(name) ?? whole),
  );
}

type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string };
    secretKeyRef?: { name: string; key: string };
    fieldRef?: { fieldPath: string };
  };
};
type EnvFrom = { prefix?: string; configMapRef?: { name: string }; secretRef?: { name: string } };

/** A Secret's value as a container sees it: its data decoded. */
const decoded = (data: unknown, key: string): string | undefined => {
  const value = (data as Record<string, string> | undefined)?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
};

/** Kubelet runs the pods of the one simulated node: pulls, starts, probes, restarts with back-off, and keeps their logs. */
export class Kubelet extends Controller {
  /**
   * environmentOf is a container's environment as kubelet makes it (pkg/kubelet/kubelet_pods.go
   * makeEnvironmentVariables): each envFrom source's keys (with its prefix) in order, then each
   * env entry, whose value is expanded from the variables before it, or read from a ConfigMap, a
   * Secret or the pod's own fields. Later names win.
   */
  private environmentOf(pod: KObject, container: Record<string, unknown>): Map<string, string> {
    const namespace = pod.metadata.namespace;
    const values = new Map<string, string>();
    for (const source of (container.envFrom ?? []) as EnvFrom[]) {
      const map = source.configMapRef && this.store.find(CONFIGMAPS, namespace, source.configMapRef.name);
      const secret = source.secretRef && this.store.find(SECRETS, namespace, source.secretRef.name);
      for (const [key, value] of Object.entries((map?.data ?? {}) as Record<string, string>))
        values.set(`${source.prefix ?? ''}${key}`, value);
      for (const key of Object.keys((secret?.data ?? {}) as Record<string, string>))
        values.set(`${source.prefix ?? ''}${key}`, decoded(secret?.data, key) ?? '');
    }
    const fields: Record<string, string | undefined> = {
      'metadata.name': pod.metadata.name,
      'metadata.namespace': namespace,
      'metadata.uid': pod.metadata.uid as string | undefined,
      'spec.serviceAccountName': pod.spec?.serviceAccountName as string | undefined,
      'spec.nodeName': pod.spec?.nodeName as string | undefined,
      'status.podIP': pod.status?.podIP as string | undefined,
    };
    for (const env of (container.env ?? []) as EnvVar[]) {
      const from = env.valueFrom;
      const value =
        env.value !== undefined
          ? expand(env.value, values)
          : from?.configMapKeyRef
            ? (
                (this.store.find(CONFIGMAPS, namespace, from.configMapKeyRef.name)?.data ?? {}) as Record<
                  string,
                  string
                >
              )[from.configMapKeyRef.key]
            : from?.secretKeyRef
              ? decoded(this.store.find(SECRETS, namespace, from.secretKeyRef.name)?.data, from.secretKeyRef.key)
              : from?.fieldRef
                ? fields[from.fieldRef.fieldPath]
                : '';
      values.set(env.name, value ?? '');
    }
    return values;
  }

  private configProblem(pod: KObject, container: Record<string, unknown>): string | undefined {
    const namespace = pod.metadata.namespace;
    const has = (resource: ResourceType, name: string) => this.store.find(resource, namespace, name) !== undefined;
    for (const source of (container.envFrom ?? []) as {
      configMapRef?: { name: string; optional?: boolean };
      secretRef?: { name: string; optional?: boolean };
    }[]) {
      if (source.configMapRef && !source.configMapRef.optional && !has(CONFIGMAPS, source.configMapRef.name))
        return `configmap "${source.configMapRef.name}" not found`;
      if (source.secretRef && !source.secretRef.optional && !has(SECRETS, source.secretRef.name))
        return `secret "${source.secretRef.name}" not found`;
    }
    for (const env of (container.env ?? []) as {
      valueFrom?: {
        configMapKeyRef?: { name: string; key: string; optional?: boolean };
        secretKeyRef?: { name: string; key: string; optional?: boolean };
      };
    }[]) {
      const cm = env.valueFrom?.configMapKeyRef;
      if (cm && !cm.optional && !has(CONFIGMAPS, cm.name)) return `configmap "${cm.name}" not found`;
      const secret = env.valueFrom?.secretKeyRef;
      if (secret && !secret.optional && !has(SECRETS, secret.name)) return `secret "${secret.name}" not found`;
    }
    return undefined;
  }

  sync(pod: KObject): void {
    const now = this.clock.now();
    const created = Date.parse(pod.metadata.creationTimestamp ?? new Date(now).toISOString());
    const containers = (pod.spec?.containers ?? []) as Record<string, unknown>[];
    const restartPolicy = (pod.spec?.restartPolicy as string | undefined) ?? 'Always';
    const statuses: Record<string, unknown>[] = [];
    let allReady = containers.length > 0;
    let anyRunning = false;
    const events: ['Normal' | 'Warning', string, string][] = [];
    const previousStatuses = (pod.status?.containerStatuses ?? []) as {
      name: string;
      state?: Record<string, { reason?: string }>;
      ready?: boolean;
    }[];
    const previousReason = (name: string) => {
      const state = previousStatuses.find((s) => s.name === name)?.state;
      return state?.waiting?.reason ?? (state?.running ? 'Running' : state?.terminated ? 'Terminated' : undefined);
    };
    for (const container of containers) {
      const name = container.name as string;
      const image = container.image as string;
      const environment = this.environmentOf(pod, container);
      const argv = [...((container.command ?? []) as string[]), ...((container.args ?? []) as string[])].map((arg) =>
        expand(arg, environment),
      );
      const behaviour = this.images.resolve(image, argv.length > 0 ? argv.join(' ') : undefined);
      const run: ContainerRun = this.runtime.container(pod.metadata.uid as string, name);
      const base = { name, image, imageID: '', restartCount: run.restarts, started: false, ready: false };
      const elapsed = now - created;
      if (elapsed < this.timing.pullMs) {
        statuses.push({ ...base, state: { waiting: { reason: 'ContainerCreating' } } });
        allReady = false;
        continue;
      }
      if (behaviour.pullError) {
        const attempt = Math.floor((elapsed - this.timing.pullMs) / this.timing.pullBackOffMs);
        const reason = attempt % 2 === 0 ? 'ErrImagePull' : 'ImagePullBackOff';
        const message =
          reason === 'ErrImagePull'
            ? `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`
            : `Back-off pulling image "${image}"`;
        if (previousReason(name) !== reason) {
          events.push(
            reason === 'ErrImagePull'
              ? ['Warning', 'Failed', `Failed to pull image "${image}": ${message}`]
              : ['Normal', 'BackOff', message],
          );
          if (reason === 'ErrImagePull') events.push(['Warning', 'Failed', 'Error: ErrImagePull']);
        }
        statuses.push({ ...base, state: { waiting: { reason, message } } });
        allReady = false;
        continue;
      }
      const problem = this.configProblem(pod, container);
      if (problem) {
        if (previousReason(name) !== 'CreateContainerConfigError')
          events.push(['Warning', 'Failed', `Error: ${problem}`]);
        statuses.push({
          ...base,
          imageID: `docker.io/${image}@sha256:${'0'.repeat(64)}`,
          state: { waiting: { reason: 'CreateContainerConfigError', message: problem } },
        });
        allReady = false;
        continue;
      }
      const imageID = `docker.io/${image}@sha256:${'0'.repeat(64)}`;
      if (run.finished) {
        // Exited, and the restartPolicy does not restart it: it stays terminated.
        statuses.push({ ...base, imageID, state: { terminated: terminated(run.finished) } });
        allReady = false;
        continue;
      }
      if (run.startedAt === undefined && (run.nextStartAt === undefined || now >= run.nextStartAt)) {
        run.startedAt = Math.max(created + this.timing.pullMs, run.nextStartAt ?? 0);
        run.log += behaviour.log ?? behaviour.exit?.log ?? behaviour.crash?.log ?? `${name} started\n`;
        if (run.restarts === 0)
          events.push(
            ['Normal', 'Pulled', `Successfully pulled image "${image}"`],
            ['Normal', 'Created', `Created container: ${name}`],
            ['Normal', 'Started', `Started container ${name}`],
          );
      }
      if (run.startedAt === undefined) {
        statuses.push({
          ...base,
          imageID,
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off ${Math.round(this.timing.crashBackOffMs / 1000)}s restarting failed container=${name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
            },
          },
          lastState: run.lastExit ? { terminated: terminated(run.lastExit) } : {},
        });
        if (previousReason(name) !== 'CrashLoopBackOff')
          events.push([
            'Warning',
            'BackOff',
            `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          ]);
        allReady = false;
        continue;
      }
      const exits = behaviour.exit
        ? { afterMs: behaviour.exit.afterMs ?? 100, exitCode: behaviour.exit.exitCode ?? 0 }
        : behaviour.crash
          ? { afterMs: behaviour.crash.afterMs ?? 100, exitCode: behaviour.crash.exitCode ?? 1 }
          : undefined;
      if (exits && now - run.startedAt >= exits.afterMs) {
        const exit = { exitCode: exits.exitCode, startedAt: run.startedAt, finishedAt: run.startedAt + exits.afterMs };
        // kubelet's restart decision (pkg/kubelet/container ShouldContainerBeRestarted): Always
        // restarts every exit, OnFailure a non-zero one, Never none.
        if (restartPolicy === 'Never' || (restartPolicy === 'OnFailure' && exit.exitCode === 0)) {
          run.finished = exit;
          statuses.push({ ...base, imageID, state: { terminated: terminated(exit) } });
          allReady = false;
          continue;
        }
        run.lastExit = exit;
        run.previousLog = run.log;
        run.log = '';
        run.restarts++;
        run.startedAt = undefined;
        run.nextStartAt = now + this.timing.crashBackOffMs;
        statuses.push({
          ...base,
          restartCount: run.restarts,
          imageID,
          state: { terminated: terminated(run.lastExit) },
        });
        allReady = false;
        continue;
      }
      anyRunning = true;
      const ready =
        behaviour.ready !== false &&
        now - run.startedAt >= (behaviour.readyAfterMs ?? 200) &&
        this.probeReady(pod, container, run, now, behaviour.exec);
      if (!ready) allReady = false;
      statuses.push({
        ...base,
        imageID,
        started: true,
        ready,
        state: { running: { startedAt: new Date(run.startedAt).toISOString().replace(/\.\d+Z$/, 'Z') } },
        ...(run.lastExit ? { lastState: { terminated: terminated(run.lastExit) } } : {}),
      });
    }
    const previous = (pod.status ?? {}) as Record<string, unknown>;
    const oldConditions = (previous.conditions as Condition[] | undefined) ?? [];
    const condition = (type: string, status: 'True' | 'False', reason?: string): Record<string, unknown> => {
      const old = oldConditions.find((c) => c.type === type);
      return {
        type,
        status,
        ...(reason ? { reason } : {}),
        lastProbeTime: null,
        lastTransitionTime: old && old.status === status ? old.lastTransitionTime : this.now(),
      };
    };
    const gates = ((pod.spec?.readinessGates ?? []) as { conditionType: string }[]).map((g) => g.conditionType);
    const gateConditions = oldConditions.filter((c) => gates.includes(c.type));
    const gatesReady = gates.every((gate) => gateConditions.some((c) => c.type === gate && c.status === 'True'));
    // kubelet's getPhase: every container exited for good makes the pod Succeeded when all exited
    // 0, else Failed; one running (or restarting) makes it Running.
    const finished = containers.map(
      (c) => this.runtime.container(pod.metadata.uid as string, c.name as string).finished,
    );
    const done = containers.length > 0 && finished.every((exit) => exit !== undefined);
    const phase = done
      ? finished.every((exit) => exit?.exitCode === 0)
        ? 'Succeeded'
        : 'Failed'
      : anyRunning ||
          statuses.some((s) => (s.state as Record<string, unknown>).terminated || (s.restartCount as number) > 0)
        ? 'Running'
        : 'Pending';
    // kubelet's status generator: a terminal pod is not ready because it completed or failed.
    const notReady = phase === 'Succeeded' ? 'PodCompleted' : phase === 'Failed' ? 'PodFailed' : 'ContainersNotReady';
    const status: Record<string, unknown> = {
      phase,
      conditions: [
        condition('PodReadyToStartContainers', now - created >= this.timing.pullMs ? 'True' : 'False'),
        condition('Initialized', 'True'),
        condition(
          'Ready',
          allReady && gatesReady ? 'True' : 'False',
          !allReady ? notReady : gatesReady ? undefined : 'ReadinessGatesNotReady',
        ),
        condition('ContainersReady', allReady ? 'True' : 'False', allReady ? undefined : notReady),
        condition('PodScheduled', 'True'),
        // Readiness gates are set by other controllers (GKE's NEG controller): kept as they are.
        ...gateConditions,
      ],
      hostIP: '10.128.0.2',
      podIP:
        (previous.podIP as string | undefined) ??
        `10.244.0.${(parseInt((pod.metadata.uid ?? '0').slice(0, 2), 16) % 250) + 2}`,
      startTime: pod.metadata.creationTimestamp,
      containerStatuses: statuses,
      qosClass: 'BestEffort',
    };
    if (stableJson(status) === stableJson(previous)) return;
    if (!previous.containerStatuses)
      events.unshift([
        'Normal',
        'Scheduled',
        `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to kube-sim-node`,
      ]);
    const fresh = this.store.find(PODS, pod.metadata.namespace, pod.metadata.name as string);
    if (!fresh) return;
    // A gate set since this pass read the pod is kept (the Ready condition follows on the next pass).
    const freshGates = (((fresh.status?.conditions ?? []) as Condition[]) ?? []).filter((c) => gates.includes(c.type));
    status.conditions = [...(status.conditions as Condition[]).filter((c) => !gates.includes(c.type)), ...freshGates];
    fresh.status = status;
    this.store.update(PODS, fresh, { subresource: 'status' });
    for (const [type, reason, message] of events) this.recordEvent(fresh, PODS, type, reason, message, 'kubelet');
  }

  /**
   * probeReady runs a container's readiness probe: an exec probe's command through the image's
   * `exec` (exit code 0 passes; an image without one passes every command, as a running Redis
   * answers `redis-cli ping`), or an httpGet probe against its handler every periodSeconds
   * (simulated) after initialDelaySeconds, answering with the last verdict; no probe means ready.
   */
  private probeReady(
    pod: KObject,
    container: Record<string, unknown>,
    run: ContainerRun,
    now: number,
    exec: ImageBehaviour['exec'],
  ): boolean {
    const probe = container.readinessProbe as
      | {
          exec?: { command?: string[] };
          httpGet?: { path?: string; port?: number | string };
          initialDelaySeconds?: number;
          periodSeconds?: number;
          failureThreshold?: number;
        }
      | undefined;
    if (probe?.exec) return (exec?.(probe.exec.command ?? []).exitCode ?? 0) === 0;
    if (!probe?.httpGet) return true;
    const started = run.startedAt ?? now;
    const due =
      now - started >= (probe.initialDelaySeconds ?? 0) * 1000 &&
      (run.lastProbeAt === undefined || now - run.lastProbeAt >= (probe.periodSeconds ?? 10) * 1000);
    if (due && !run.probing) {
      run.probing = true;
      run.lastProbeAt = now;
      const path = probe.httpGet.path ?? '/';
      void this.network
        .sendToPod(pod, probe.httpGet.port, {
          method: 'GET',
          path,
          headers: { 'user-agent': 'kube-probe/1.32' },
          body: '',
        })
        .then(
          (answer) => answer.status,
          () => 0,
        )
        .then((status) => {
          run.probing = false;
          run.probeOk = status >= 200 && status < 400;
          if (!run.probeOk) {
            const fresh = this.store.find(PODS, pod.metadata.namespace, pod.metadata.name as string);
            const detail = status === 0 ? 'connection refused' : `HTTP probe failed with statuscode: ${status}`;
            if (fresh)
              this.recordEvent(fresh, PODS, 'Warning', 'Unhealthy', `Readiness probe failed: ${detail}`, 'kubelet');
          }
          this.schedule();
        });
    }
    return run.probeOk === true;
  }

  podLog(namespace: string, name: string, container: string | undefined, previous: boolean): string | undefined {
    const pod = this.store.find(PODS, namespace, name);
    if (!pod) return undefined;
    const first = ((pod.spec?.containers ?? []) as { name: string }[])[0]?.name;
    const run = this.runtime.containers.get(`${pod.metadata.uid}/${container ?? first}`);
    if (!run) return '';
    return previous ? run.previousLog : run.log;
  }
}

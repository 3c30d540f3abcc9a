import { type KObject, parseImagesFile, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../test/support/until.js';

// Containers that run to completion (a migration, a Job's command) as kubelet runs them: restarted
// as the pod's restartPolicy says, the pod Succeeded or Failed by kubelet's getPhase, the
// terminated reason as containerd reports it.
let sim: Sim;

beforeAll(async () => {
  sim = await startSim({ speed: 20, namespaces: ['default', 'shop'], timing: { crashBackOffMs: 2000 } });
  sim.registerImage('shop/migrate:ok', { exit: { afterMs: 500, log: 'Applied 3 migrations\n' } });
  sim.registerImage('shop/migrate:broken', {
    exit: { afterMs: 500, exitCode: 3, log: 'ERROR: relation "users" already exists\n' },
  });
});
afterAll(() => sim.stop());

async function runPod(name: string, image: string, restartPolicy: string): Promise<void> {
  const response = await fetch(`${sim.url}/api/v1/namespaces/shop/pods`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { restartPolicy, containers: [{ name: 'migrate', image }] },
    }),
  });
  expect(response.status).toBe(201);
}

const pod = (name: string) => sim.list('Pod', 'shop').find((p) => p.metadata.name === name) as KObject;
const containerOf = (p: KObject) =>
  (
    (p.status?.containerStatuses ?? []) as {
      restartCount: number;
      state: { terminated?: { exitCode: number; reason: string } };
    }[]
  )[0];
const readyOf = (p: KObject) =>
  ((p.status?.conditions ?? []) as { type: string; status: string; reason?: string }[]).find((c) => c.type === 'Ready');
const log = async (name: string) => (await fetch(`${sim.url}/api/v1/namespaces/shop/pods/${name}/log`)).text();

describe("a container's command, expanded from its whole environment as kubelet does", () => {
  it('reads $(NAME) from envFrom (with its prefix), ConfigMap and Secret keys, the pod itself and earlier variables', async () => {
    const post = async (path: string, body: Record<string, unknown>) =>
      expect(
        (
          await fetch(`${sim.url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).status,
      ).toBe(201);
    await post('/api/v1/namespaces/shop/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'shop-config' },
      data: { HOST: 'db.internal', SCHEMA: 'orders' },
    });
    await post('/api/v1/namespaces/shop/secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'shop-db' },
      stringData: { password: 's3cret' },
    });
    sim.registerImage('shop/migrate:env', {
      commands: {
        'bin/migrate --url postgres://app:s3cret@db.internal/orders --as expand-env --schema orders': {
          exit: { afterMs: 200, log: 'expanded\n' },
        },
      },
      exit: { afterMs: 200, exitCode: 9, log: 'not expanded\n' },
    });
    await post('/api/v1/namespaces/shop/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'expand-env' },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'migrate',
            image: 'shop/migrate:env',
            command: ['bin/migrate'],
            args: ['--url', '$(DATABASE_URL)', '--as', '$(POD)', '--schema', '$(DB_SCHEMA)'],
            envFrom: [{ prefix: 'DB_', configMapRef: { name: 'shop-config' } }],
            env: [
              { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'password' } } },
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'DATABASE_URL', value: 'postgres://app:$(PASSWORD)@$(DB_HOST)/$(DB_SCHEMA)' },
            ],
          },
        ],
      },
    });
    const done = await until(
      () => pod('expand-env'),
      (p) => p?.status?.phase === 'Succeeded' || p?.status?.phase === 'Failed',
    );
    expect(await log('expand-env')).toBe('expanded\n');
    expect(done.status?.phase).toBe('Succeeded');
  });
});

describe('kube-sim containers that run to completion', () => {
  it('leaves a pod Succeeded, Completed with exit code 0 and its log, never restarted (restartPolicy Never)', async () => {
    await runPod('migrate-ok', 'shop/migrate:ok', 'Never');
    const done = await until(
      () => pod('migrate-ok'),
      (p) => p?.status?.phase === 'Succeeded',
    );
    expect(containerOf(done)).toMatchObject({
      restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    });
    expect(readyOf(done)).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(await log('migrate-ok')).toBe('Applied 3 migrations\n');
  });

  it('leaves a pod Failed with the exit code and reason Error (restartPolicy Never)', async () => {
    await runPod('migrate-broken', 'shop/migrate:broken', 'Never');
    const failed = await until(
      () => pod('migrate-broken'),
      (p) => p?.status?.phase === 'Failed',
    );
    expect(containerOf(failed)).toMatchObject({
      restartCount: 0,
      state: { terminated: { exitCode: 3, reason: 'Error' } },
    });
    expect(readyOf(failed)).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(await log('migrate-broken')).toBe('ERROR: relation "users" already exists\n');
  });

  it('restarts a failed container and keeps the pod Running (restartPolicy OnFailure); a success stays', async () => {
    await runPod('migrate-retry', 'shop/migrate:broken', 'OnFailure');
    const retried = await until(
      () => pod('migrate-retry'),
      (p) => (containerOf(p)?.restartCount ?? 0) >= 1,
    );
    expect(retried.status?.phase).toBe('Running');
    await runPod('migrate-once', 'shop/migrate:ok', 'OnFailure');
    const once = await until(
      () => pod('migrate-once'),
      (p) => p?.status?.phase === 'Succeeded',
    );
    expect(containerOf(once)?.restartCount).toBe(0);
  });

  it('restarts even a success with restartPolicy Always, the last exit Completed', async () => {
    await runPod('migrate-always', 'shop/migrate:ok', 'Always');
    type Status = {
      restartCount: number;
      state: { terminated?: { exitCode: number; reason: string } };
      lastState?: { terminated?: { exitCode: number; reason: string } };
    };
    const statusOf = (p: KObject | undefined) => ((p?.status?.containerStatuses ?? []) as Status[])[0];
    // Right after the exit the container is terminated; once its back-off starts, the exit is its
    // last state: either way, the exit that was restarted.
    const exitOf = (status: Status | undefined) => status?.lastState?.terminated ?? status?.state.terminated;
    const restarted = await until(
      () => pod('migrate-always'),
      (p) => (statusOf(p)?.restartCount ?? 0) >= 1 && exitOf(statusOf(p)) !== undefined,
    );
    expect(restarted.status?.phase).toBe('Running');
    expect(exitOf(statusOf(restarted))).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('reads exit from an --images file, and refuses an exit code out of range', () => {
    expect(parseImagesFile('images:\n  shop/migrate:*:\n    exit: {after: 2s, exitCode: 0, log: done}\n')).toEqual([
      ['shop/migrate:*', { exit: { afterMs: 2000, exitCode: 0, log: 'done' } }],
    ]);
    expect(() => parseImagesFile('images:\n  shop/migrate:*:\n    exit: {exitCode: 300}\n')).toThrow(
      'images.shop/migrate:*.exit.exitCode must be a whole number from 0 to 255, got 300',
    );
  });
});

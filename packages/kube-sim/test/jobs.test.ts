import { readFileSync } from 'node:fs';
import { type KObject, parseImagesFile, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../test/support/until.js';

// batch/v1 Jobs as kube-controller-manager's job controller and the API server run them: defaults
// and the generated selector, pods to completion, back-off, the backoff limit, the deadline, the
// interim then terminal conditions, and the TTL after finishing.
let sim: Sim;

beforeAll(async () => {
  sim = await startSim({ speed: 50, namespaces: ['shop'], timing: { crashBackOffMs: 1000 } });
  // The service's image runs its server; as a Job it runs the command it is given.
  sim.registerImage('shop/api:*', {
    commands: {
      'bin/migrate *': { exit: { afterMs: 15_000, log: 'Applied 2 migrations\n' } },
      'bin/migrate --broken': { exit: { afterMs: 500, exitCode: 2, log: 'ERROR: column "email" exists\n' } },
      'sleep *': { exit: { afterMs: 3_600_000 } },
    },
  });
});
afterAll(() => sim.stop());

async function post(body: Record<string, unknown>): Promise<{ status: number; json: KObject }> {
  const response = await fetch(`${sim.url}/apis/batch/v1/namespaces/shop/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as KObject };
}

function job(name: string, command: string[], spec: Record<string, unknown> = {}, restartPolicy = 'Never') {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: {
        metadata: { labels: { app: 'api-migrate' } },
        spec: { restartPolicy, containers: [{ name: 'migrate', image: 'shop/api:v2', command }] },
      },
    },
  };
}

const read = (name: string) => sim.list('Job', 'shop').find((j) => j.metadata.name === name);
const podsOf = (name: string) => sim.list('Pod', 'shop').filter((p) => p.metadata.labels?.['job-name'] === name);
const conditionTypes = (j: KObject | undefined) =>
  ((j?.status?.conditions ?? []) as { type: string; status: string }[]).map((c) => c.type);
const finalCondition = (j: KObject | undefined) =>
  ((j?.status?.conditions ?? []) as { type: string; reason: string; message: string }[])[1];
const finishedAt = (p: KObject | undefined) =>
  Date.parse(
    ((p?.status?.containerStatuses ?? []) as { state: { terminated?: { finishedAt: string } } }[])[0]?.state.terminated
      ?.finishedAt ?? '',
  );
const eventsOf = (name: string) =>
  sim
    .list('Event', 'shop')
    .filter((e) => (e.involvedObject as { kind: string; name: string }).name === name)
    .map((e) => `${e.type} ${e.reason} ${e.message}`);

describe('kube-sim Jobs', () => {
  it('defaults a Job and generates its selector from its uid, on the template too', async () => {
    const { status, json } = await post(job('defaults', ['bin/migrate', 'up']));
    expect(status).toBe(201);
    const uid = json.metadata.uid as string;
    expect(json.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
    });
    expect((json.spec as { template: KObject }).template.metadata.labels).toEqual({
      app: 'api-migrate',
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'defaults',
      'controller-uid': uid,
      'job-name': 'defaults',
    });
    expect(json.metadata.labels).toEqual({ app: 'api-migrate' });
  });

  it('refuses a restartPolicy a Job cannot have, and a change of its template', async () => {
    const always = await post(job('always', ['bin/migrate', 'up'], {}, 'Always'));
    expect(always.status).toBe(422);
    expect(always.json.message).toBe(
      'Job.batch "always" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
    await post(job('immutable', ['sleep', '1h']));
    const patched = await fetch(`${sim.url}/apis/batch/v1/namespaces/shop/jobs/immutable`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({
        spec: { template: { spec: { containers: [{ name: 'migrate', image: 'shop/api:v3' }] } } },
      }),
    });
    expect(patched.status).toBe(422);
    expect(((await patched.json()) as { message: string }).message).toContain(
      'spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable',
    );
  });

  it('runs a pod to completion, then SuccessCriteriaMet and Complete, and frees the pod of its finalizer', async () => {
    await post(job('migrate-ok', ['bin/migrate', 'up']));
    const running = await until(
      () => podsOf('migrate-ok'),
      (pods) => pods.length === 1,
    );
    const pod = running[0] as KObject;
    expect(pod.metadata.generateName).toBe('migrate-ok-');
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pod.metadata.ownerReferences).toEqual([
      expect.objectContaining({ apiVersion: 'batch/v1', kind: 'Job', name: 'migrate-ok', controller: true }),
    ]);
    const done = await until(
      () => read('migrate-ok'),
      (j) => conditionTypes(j).includes('Complete'),
    );
    expect(conditionTypes(done)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(done?.status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(done?.status?.active).toBeUndefined();
    expect(done?.status?.completionTime).toEqual(expect.any(String));
    const finished = await until(
      () => podsOf('migrate-ok')[0],
      (p) => p?.metadata.finalizers === undefined,
    );
    expect(finished?.status?.phase).toBe('Succeeded');
    const log = await fetch(`${sim.url}/api/v1/namespaces/shop/pods/${finished?.metadata.name}/log`);
    expect(await log.text()).toBe('Applied 2 migrations\n');
    expect(eventsOf('migrate-ok').sort()).toEqual([
      'Normal Completed Job completed',
      `Normal SuccessfulCreate Created pod: ${pod.metadata.name}`,
    ]);
  });

  it('replaces a failed pod after a back-off, then fails the Job past its backoffLimit', async () => {
    await post(job('migrate-broken', ['bin/migrate', '--broken'], { backoffLimit: 1 }));
    const failed = await until(
      () => read('migrate-broken'),
      (j) => conditionTypes(j).includes('Failed'),
    );
    expect(conditionTypes(failed)).toEqual(['FailureTarget', 'Failed']);
    expect(finalCondition(failed)).toMatchObject({
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    });
    expect(failed?.status).toMatchObject({ failed: 2 });
    expect(failed?.status?.completionTime).toBeUndefined();
    const pods = podsOf('migrate-broken');
    expect(pods.map((p) => p.status?.phase)).toEqual(['Failed', 'Failed']);
    // The second pod waited the back-off (10 s) after the first failed.
    const [first, second] = [...pods].sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
    );
    expect(Date.parse(second?.metadata.creationTimestamp ?? '') - finishedAt(first)).toBeGreaterThanOrEqual(9_000);
    expect(eventsOf('migrate-broken')).toContain(
      'Warning BackoffLimitExceeded Job has reached the specified backoff limit',
    );
  });

  it('with OnFailure counts the restarts of the running pod against backoffLimit', async () => {
    await post(job('retry', ['bin/migrate', '--broken'], { backoffLimit: 2 }, 'OnFailure'));
    const failed = await until(
      () => read('retry'),
      (j) => conditionTypes(j).includes('Failed'),
    );
    expect(finalCondition(failed)?.reason).toBe('BackoffLimitExceeded');
    // The running pod was deleted by the controller: it counts as failed.
    expect(failed?.status).toMatchObject({ failed: 1 });
    expect(podsOf('retry')).toEqual([]);
  });

  it('fails a Job past its activeDeadlineSeconds and deletes its running pod', async () => {
    await post(job('slow', ['sleep', '1h'], { activeDeadlineSeconds: 30 }));
    await until(
      () => podsOf('slow'),
      (pods) => pods.length === 1,
    );
    const failed = await until(
      () => read('slow'),
      (j) => conditionTypes(j).includes('Failed'),
    );
    expect(finalCondition(failed)).toMatchObject({
      reason: 'DeadlineExceeded',
      message: 'Job was active longer than specified deadline',
    });
    expect(podsOf('slow')).toEqual([]);
  });

  it('deletes a finished Job and its pods ttlSecondsAfterFinished after it finished', async () => {
    await post(job('short-lived', ['bin/migrate', 'up'], { ttlSecondsAfterFinished: 60 }));
    await until(
      () => read('short-lived'),
      (j) => conditionTypes(j).includes('Complete'),
    );
    expect(podsOf('short-lived')).toHaveLength(1);
    await until(
      () => read('short-lived'),
      (j) => j === undefined,
    );
    expect(podsOf('short-lived')).toEqual([]);
  });

  it('reads command behaviours from an --images file', () => {
    const [[pattern, behaviour]] = parseImagesFile(`images:
  shop/api:*:
    commands:
      "bin/migrate *": {exit: {after: 2s, exitCode: 1, log: boom}}
`) as [[string, { commands: Record<string, unknown> }]];
    expect(pattern).toBe('shop/api:*');
    expect(behaviour.commands).toEqual({ 'bin/migrate *': { exit: { afterMs: 2000, exitCode: 1, log: 'boom' } } });
    expect(() => parseImagesFile('images:\n  a:\n    commands: {x: {commands: {}}}\n')).toThrow(
      'images.a.commands.x cannot have commands of its own',
    );
  });
});

describe("the README's images file", () => {
  it('parses, with the command behaviours it shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /```yaml\n(images:\n[\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const behaviours = new Map(parseImagesFile(block));
    expect(behaviours.get('shop/api:*')?.commands?.['bin/migrate --fail']).toEqual({
      exit: { afterMs: 1000, exitCode: 1, log: 'ERROR: relation exists' },
    });
  });
});

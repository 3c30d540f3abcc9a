import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runBundle } from '@gke-deploy/action-kit/testing';
import { type KObject, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificates } from './support/http-server.js';

// Builds are reproducible, so a release often changes only some of a service's Deployments.
// Rolling back must undo the release as a whole: the Deployments it changed go back, the others
// are left alone, and the rollback leaves its own trace.

const certs = createCertificates();
const REGISTRY = 'us-docker.pkg.dev/acme/apps';
const kubectl = promisify(execFile);
const env = {
  GITHUB_REPOSITORY: 'acme/auth',
  GITHUB_SHA: 'b'.repeat(40),
  GITHUB_RUN_ID: '31',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_WORKFLOW: 'deploy',
  GITHUB_ACTOR: 'octocat',
};
let sim: Sim;
let kubeconfig: string;
beforeAll(async () => {
  sim = await startSim({ speed: 20, tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert } });
  sim.registerImage(`${REGISTRY}/*`, { readyAfterMs: 100 });
  kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'release-')), 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig);
});
afterAll(() => sim.stop());

const images = (web: string, worker = 'v1', beat = 'v1') =>
  `web=${REGISTRY}/auth-web:${web}\nworker=${REGISTRY}/auth-worker:${worker}\nbeat=${REGISTRY}/auth-beat:${beat}`;
const step = (action: 'rollout' | 'auto-rollback', namespace: string, inputs: Record<string, string>) =>
  runBundle(action, {
    inputs: {
      kubeconfig: sim.kubeconfig,
      namespace,
      service: 'auth',
      ...(action === 'rollout' ? { 'create-namespace': 'true' } : {}),
      ...inputs,
    },
    env,
    timeoutMs: 90_000,
  });
const tag = (namespace: string, name: string) =>
  (
    sim.list('Deployment', namespace).find((d) => d.metadata.name === name) as KObject & {
      spec: { template: { spec: { containers: { image: string }[] } } };
    }
  ).spec.template.spec.containers[0]?.image
    .split(':')
    .pop();

describe('releases', () => {
  it('records what each rollout changed, and undoes the last release as a whole', async () => {
    const ns = 'release-whole';
    expect((await step('rollout', ns, { images: images('v1') })).outputs.release).toBe('1');
    expect((await step('rollout', ns, { images: images('v2', 'v2', 'v2') })).outputs.release).toBe('2');
    // Release 3 changes web only: worker and beat are byte-for-byte what release 2 left.
    const third = await step('rollout', ns, { images: images('v3', 'v2', 'v2') });
    expect(third.outputs.release).toBe('3');
    expect(third.stdout).toContain('Release 3 of auth succeeded: auth-web 2 → 3');

    const { stdout: records } = await kubectl('kubectl', [
      `--kubeconfig=${kubeconfig}`,
      '-n',
      ns,
      'get',
      'configmap',
      '-l',
      'gke-deploy-actions/release-of=auth',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name} {.data.status} {.data.deployments}{"\\n"}{end}',
    ]);
    expect(records.trim().split('\n')).toEqual([
      'auth-release-1 succeeded {"auth-web":{"before":0,"after":1},"auth-worker":{"before":0,"after":1},"auth-beat":{"before":0,"after":1}}',
      'auth-release-2 succeeded {"auth-web":{"before":1,"after":2},"auth-worker":{"before":1,"after":2},"auth-beat":{"before":1,"after":2}}',
      'auth-release-3 succeeded {"auth-web":{"before":2,"after":3}}',
    ]);

    const rollback = await step('auto-rollback', ns, {});
    expect(rollback.errors).toEqual([]);
    expect(rollback.outputs.release).toBe('3');
    expect(rollback.stdout).toContain('Undoing release 3 of auth');
    expect([tag(ns, 'auth-web'), tag(ns, 'auth-worker'), tag(ns, 'auth-beat')]).toEqual(['v2', 'v2', 'v2']);
    const outcomes = JSON.parse(rollback.outputs['rolled-back'] as string) as { deployment: string; detail: string }[];
    expect(Object.fromEntries(outcomes.map((o) => [o.deployment, o.detail]))).toEqual({
      'auth-web': 'to the template of revision 2, healthy',
      'auth-worker': 'release 3 did not change it',
      'auth-beat': 'release 3 did not change it',
    });

    // The rollback's own trace, as kubectl shows it.
    const { stdout: history } = await kubectl('kubectl', [
      `--kubeconfig=${kubeconfig}`,
      '-n',
      ns,
      'rollout',
      'history',
      'deployment/auth-web',
    ]);
    expect(history).toContain(
      'rolled back release 3 to revision 2 by octocat in https://github.com/acme/auth/actions/runs/31/attempts/1',
    );
    const web = sim.list('Deployment', ns).find((d) => d.metadata.name === 'auth-web') as KObject;
    expect(web.metadata.annotations?.['gke-deploy-actions/rolled-back-to-revision']).toBe('2');

    // Again: the release is already rolled back, and nothing older is undone.
    const again = await step('auto-rollback', ns, {});
    expect(again.exitCode).toBe(0);
    expect(again.outputs.changed).toBe('false');
    expect(JSON.parse(again.outputs['rolled-back'] as string)[0].detail).toMatch(
      /^release 3 was already rolled back \(octocat in https:\/\/github.com\/acme\/auth\/actions\/runs\/31\/attempts\/1\)$/,
    );
    expect([tag(ns, 'auth-web'), tag(ns, 'auth-worker'), tag(ns, 'auth-beat')]).toEqual(['v2', 'v2', 'v2']);
  }, 120_000);

  it('refuses names in revisions that are not among the Deployments, before any change', async () => {
    const ns = 'release-names';
    expect((await step('rollout', ns, { images: images('v1') })).exitCode).toBe(0);
    expect((await step('rollout', ns, { images: images('v2') })).exitCode).toBe(0);
    const run = await step('auto-rollback', ns, { revisions: 'auth-web=1\nauth-wrker=1' });
    expect(run.errors).toEqual([
      'auto-rollback: Input \'revisions\' names "auth-wrker", which is not among the Deployments selected (auth-beat, auth-web, auth-worker).',
    ]);
    expect(tag(ns, 'auth-web')).toBe('v2');
  }, 120_000);
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
// The runner contract for bad inputs, through the bundle: one ::error:: line, exit 1, nothing on
// stderr, no secret printed, no API request. The whole table of bad inputs runs in process
// (actions/rollout/test/inputs.test.ts); the kubeconfig is only read when the action connects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.stop());

const IMAGES = 'web=r.example/web:1\nworker=r.example/worker:1';

describe('rollout refuses bad inputs as the runner shows them', () => {
  it.each([
    [{ strategy: 'shadow' }, 'Input \'strategy\' must be one of rolling, recreate, blue-green, canary; got "shadow".'],
    [
      { kubeconfig: '{"apiVersion":"v1","users":[{"name":"u","user":{"token":"SECRETJSONTOKEN"}}],"clusters":[' },
      /^Input 'kubeconfig' is not a valid kubeconfig: /,
    ],
    [
      {
        kubeconfig: Buffer.from('apiVersion: v1\nusers:\n- user: {token: SECRETBASETOKEN}\n  x: [\n').toString(
          'base64',
        ),
      },
      /^Input 'kubeconfig' is not a valid kubeconfig: /,
    ],
    [
      { kubeconfig: 'SECRETTOKENGIVENASAPATH' },
      "Input 'kubeconfig' is neither kubeconfig content (YAML, JSON, or base64 of either) nor the path of an existing file.",
    ],
  ])('refuses %j in one line before any API call', async (inputs, message) => {
    const requests = sim.requests.length;
    const run = await runBundle('rollout', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'auth360',
        service: 'auth',
        images: IMAGES,
        ...inputs,
      },
    });
    expectRefused(run, 'rollout', message);
    expect(sim.requests.length).toBe(requests);
  });
});

describe('file inputs: regular files in the workspace, refused in one line otherwise', () => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'file-inputs-'));
  const outside = path.join(mkdtempSync(path.join(tmpdir(), 'outside-')), 'outside.env');
  writeFileSync(outside, 'AWS_SECRET=SECRETOUTSIDE1\n');
  const env = { GITHUB_WORKSPACE: workspace };

  it.each([
    ['rollout', { namespace: 'shop', service: 'shop', images: IMAGES }],
    ['promote', { namespace: 'shop', service: 'shop' }],
    ['auto-rollback', { namespace: 'shop', service: 'shop' }],
    ['ensure-cert', { namespace: 'shop', service: 'shop', domains: 'shop.example.com' }],
    ['deploy-redis', { namespace: 'shop', service: 'shop' }],
  ])('%s refuses kubeconfig: /dev/zero at once', async (action, inputs) => {
    const started = Date.now();
    const run = await runBundle(action, { inputs: { ...inputs, kubeconfig: '/dev/zero' }, env, timeoutMs: 20_000 });
    expectRefused(
      run,
      action,
      "Input 'kubeconfig' names a path, which is not a regular file (a device, a pipe or a socket).",
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('rollout refuses config-files outside the workspace, and uploads nothing', async () => {
    const requests = sim.requests.length;
    const relative = path.relative(workspace, outside);
    const run = await runBundle('rollout', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'shop',
        service: 'shop',
        images: IMAGES,
        'config-files': relative,
      },
      env,
    });
    expectRefused(
      run,
      'rollout',
      new RegExp(
        `^Input 'config-files' names "${relative.replace(/[.]/g, '\\.')}", which is outside the workspace and RUNNER_TEMP \\(${workspace}, .*\\): give a path in the repository\\.$`,
      ),
    );
    expect(sim.requests.length).toBe(requests);
  });

  it.each([
    ['/dev/zero', /^Input 'config' names "\/dev\/zero", which is outside the workspace/],
    ['outside', /^Input 'config' names ".*outside\.env", which is outside the workspace/],
  ])('the root action refuses config: %s before anything runs', async (config, message) => {
    const run = await runBundle('.', {
      inputs: { config: config === 'outside' ? path.relative(workspace, outside) : config, environment: 'production' },
      env,
      timeoutMs: 20_000,
    });
    expectRefused(run, 'gke-deploy-actions', message);
  });

  it("the root action refuses an environment's config_files outside the workspace before any request", async () => {
    mkdirSync(path.join(workspace, '.github'), { recursive: true });
    writeFileSync(
      path.join(workspace, '.github/deploy.yml'),
      [
        'service: shop',
        'images:',
        '  web: { image: r.example/shop-web:1 }',
        'environments:',
        '  - name: production',
        `    cluster: { name: sim, kubeconfig: "\${KUBECONFIG_SIM}" }`,
        '    namespace: shop',
        `    config_files: [${JSON.stringify(path.relative(workspace, outside))}]`,
        '',
      ].join('\n'),
    );
    const requests = sim.requests.length;
    const run = await runBundle('.', {
      inputs: { environment: 'production' },
      env: { ...env, KUBECONFIG_SIM: sim.kubeconfig },
      timeoutMs: 30_000,
    });
    expectRefused(run, 'gke-deploy-actions', /config_files.*outside the workspace/);
    expect(sim.requests.length).toBe(requests);
  });
});

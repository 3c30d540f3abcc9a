import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import {
  afterBuild,
  namespaceObject,
  outcomes,
  readmeBlock,
  ready,
  SHA1,
  workflowFile,
} from '../support/workflow-fixtures.js';

const NAMESPACE = 'auth360-namespace';
const HOST = 'api-auth-dev.acme.com';
const IMAGE = 'us-docker.pkg.dev/acme/apps/auth-web:1';

// The ensure-cert README's infrastructure steps, unedited, as the deploy job of a workflow whose
// build job hands on `refs`: the certificate before the Ingress exists, the rollout, then the wait.
describe("actions/ensure-cert/README.md's steps", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const steps = readmeBlock('actions/ensure-cert/README.md', '## Usage');
  const workflow = workflowFile('deploy.yml', afterBuild(IMAGE, steps));
  beforeAll(async () => {
    expect(steps).toContain('uses: owner/gke-deploy-actions/actions/ensure-cert@v1');
    world = await startDeployWorld({
      clusters: [{ project: 'acme', location: 'us-west1', cluster: 'dev' }],
      // 20 simulated ms per real ms: GKE's load balancer in 100 ms, the domain validated a second after.
      sim: { timing: { ingressMs: 2000, certificateMs: 20_000, certificateGiveUpMs: 120_000 } },
      image: { readyAfterMs: 500, handler: () => ready },
    });
    world.sim.gke.reserveAddress('auth-dev-ip', '34.120.0.20');
    await world.prepare([namespaceObject(NAMESPACE)]);
  });
  afterAll(() => world.close());

  const run = () =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha: SHA1,
      secrets: { KUBECONFIG: world.sim.kubeconfig },
      repository: repository({}),
    });

  it('fails fast with GKE’s FailedNotVisible while the host does not point at the static IP', async () => {
    // GKE validates through public DNS: the host points elsewhere.
    world.sim.gke.dns.set(HOST, { a: ['198.51.100.7'] });
    const result = await run();
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['build', 'success'],
      ['deploy', 'failure'],
    ]);
    const [first, deploy, wait] = result
      .job('deploy')
      .steps.filter((s) => s.uses?.startsWith('owner/gke-deploy-actions/actions/'));
    expect([first?.outcome, deploy?.outcome, wait?.outcome]).toEqual(['success', 'success', 'failure']);
    expect(wait?.run?.errors.join('\n')).toMatch(new RegExp(`${HOST.replace(/\./g, '\\.')} is FailedNotVisible`));
  });

  it('serves the host over HTTPS from the static IP once DNS points there', async () => {
    world.sim.gke.dns.set(HOST, { a: ['34.120.0.20'] });
    const result = await run();
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['build', 'success'],
      ['deploy', 'success'],
    ]);
    expect(result.step('deploy', 'cert').outputs).toMatchObject({
      'certificate-status': 'Active',
      url: `https://${HOST}`,
      ip: '34.120.0.20',
    });
    expect(
      outcomes(result, 'deploy')[`echo "Serving \${{ steps.cert.outputs.url }} from \${{ steps.cert.outputs.ip }}"`],
    ).toBe('success');
  });
});

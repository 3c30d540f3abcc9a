import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import type { Sim } from '@gke-deploy/kube-sim';
import { request } from 'undici';
import { repository } from './deploy-world.js';
import type { RecordedRequest } from './http-server.js';
import type { WorkflowRun } from './workflow.js';

/** What the workflow tests (test/workflows/) share: commits, answers, and ways to read a run. */
export const example = (file: string) => path.join(repoRoot, 'workflows-examples', file);

/**
 * quickenedExample is a copy of a shipped example with its minutes made seconds (each `from`
 * replaced by `to`): a ten-minute pause or a thirty-minute watch would hold a test for an hour.
 * Everything else runs as written.
 */
export function quickenedExample(file: string, changes: [from: string, to: string][]): string {
  let text = readFileSync(example(file), 'utf8');
  for (const [from, to] of changes) {
    if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)} to quicken`);
    text = text.replaceAll(from, to);
  }
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'example-')), file);
  writeFileSync(copy, text);
  return copy;
}
export const SHA1 = '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const SHA2 = '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
export const SHA3 = '3333333ccccccccccccccccccccccccccccccccc';

export type PodSpecOf = { template: { spec: { containers: { image?: string }[] } } };

/** outcomes is each step's outcome by its name (its id when it has no name), post steps included. */
export const outcomes = (result: WorkflowRun, job: string) =>
  Object.fromEntries(
    result.job(job).steps.map((s) => [s.name === s.uses && !s.id.startsWith('__') ? s.id : s.name, s.outcome]),
  );

/**
 * postStepsStarted names the post steps GitHub started in any job of the run: after a job whose
 * steps of the suite all finished, none (their post-if).
 */
export const postStepsStarted = (result: WorkflowRun) =>
  result.jobs.flatMap((job) => job.steps).flatMap((s) => (s.id.startsWith('post-') && s.run ? [s.name] : []));

/** deploymentImages is the image of each Deployment's first container in a namespace, by Deployment. */
export function deploymentImages(sim: Sim, namespace: string): Record<string, string> {
  return Object.fromEntries(
    sim
      .list('Deployment', namespace)
      .map((d) => [d.metadata.name, (d.spec as PodSpecOf).template.spec.containers[0]?.image as string]),
  );
}

/** gatewayImages sends n requests for a host to a cluster's Gateway and counts the web images that answered. */
export async function gatewayImages(sim: Sim, host: string, n: number): Promise<Record<string, number>> {
  const url = await sim.gatewayUrl('infra', 'external');
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const answer = await request(`${url}/health`, { headers: { host } });
    const body = await answer.body.text();
    const pod = answer.statusCode === 200 ? (JSON.parse(body) as { pod: string }).pod : undefined;
    const containers = sim.list('Pod').find((p) => p.metadata.name === pod)?.spec?.containers as
      | { image: string }[]
      | undefined;
    const key = containers?.[0]?.image ?? String(answer.statusCode);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export const ready = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ready"}' };

/**
 * migrates is how the shipped examples' images run their migration (their `pre-deploy` or
 * `hooks.pre_deploy`): to completion, whatever their server does, as a migration command on an
 * app's image does.
 */
export const migrates = {
  commands: Object.fromEntries(
    ['python manage.py migrate', 'python manage.py migrate --noinput', 'node dist/migrate.js'].map((command) => [
      command,
      { exit: { afterMs: 1000, log: 'Applied 1 migration\n' } },
    ]),
  ),
};

/** readyWithPod answers as `ready` does, and says which pod answered. */
export const readyWithPod = (request: { pod?: string }) => ({
  ...ready,
  body: JSON.stringify({ status: 'ready', pod: request.pod }),
});

/**
 * githubDeployments counts the GitHub Deployments a run made, per environment: GitHub makes one
 * for each job with an `environment:`, and notify's `github-deployment` makes one through the API
 * (the requests `github` recorded during the run).
 */
export function githubDeployments(result: WorkflowRun, github: readonly RecordedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (environment: string) => {
    counts[environment] = (counts[environment] ?? 0) + 1;
  };
  for (const job of result.jobs) if (job.environment !== undefined && job.result !== 'skipped') add(job.environment);
  for (const request of github)
    if (request.method === 'POST' && request.url.endsWith('/deployments'))
      add((JSON.parse(request.body) as { environment: string }).environment);
  return counts;
}

/** namespaceObject is a namespace the platform team made (the actions do not create one unless asked). */
export const namespaceObject = (name: string): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});

/** namespaceWithSecret is a namespace the platform team made, with the app's Secret in it. */
export function namespaceWithSecret(namespace: string, secret: string, databaseUrl: string): Record<string, unknown>[] {
  return [
    namespaceObject(namespace),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: secret, namespace },
      stringData: { DATABASE_URL: databaseUrl },
    },
  ];
}

/**
 * readmeBlock is the first YAML block after `after` (a heading or a sentence) in one of the
 * repository's READMEs: the example as a reader copies it.
 */
export function readmeBlock(readme: string, after: string): string {
  const text = readFileSync(path.join(repoRoot, readme), 'utf8');
  const start = text.indexOf(after);
  const block = start < 0 ? undefined : /```yaml\n([\s\S]*?)```/.exec(text.slice(start))?.[1];
  if (!block) throw new Error(`${readme}: no YAML block after ${JSON.stringify(after)}`);
  return block;
}

/** indented puts a README fragment's lines (steps written at the margin) under a job's `steps:`. */
export const indented = (text: string, indent = '      '): string =>
  text
    .split('\n')
    .map((line) => (line ? `${indent}${line}` : line))
    .join('\n');

/** onPush is a workflow that runs these jobs on a push to main. */
export const onPush = (jobs: string): string => `name: Deploy
on:
  push:
    branches: [main]
jobs:
${jobs}`;

/**
 * afterBuild is a workflow on a push to main whose build job hands on `refs` (`web=<image>`) to a
 * deploy job with these steps: how a README's deploy steps run, as they read `needs.build.outputs.refs`.
 */
export const afterBuild = (image: string, steps: string): string =>
  onPush(`  build:
    runs-on: ubuntu-latest
    outputs:
      refs: \${{ steps.build.outputs.refs }}
    steps:
      - id: build
        run: echo "refs=web=${image}" >> "$GITHUB_OUTPUT"
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
${steps}`);

/** workflowFile writes a workflow into a repository of its own and returns its path. */
export function workflowFile(name: string, text: string): string {
  const file = path.join(repository({}), name);
  writeFileSync(file, text);
  return file;
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface ActionManifest {
  inputs?: Record<string, { required?: boolean; default?: unknown }>;
  outputs?: Record<string, unknown>;
}

const dir = path.join(repoRoot, 'workflows-examples');
const manifest = (action: string) =>
  parse(readFileSync(path.join(repoRoot, 'actions', action, 'action.yml'), 'utf8')) as ActionManifest;
const OURS = /^owner\/gke-deploy-actions\/actions\/([a-z-]+)@v1$/;

describe.each(readdirSync(dir).filter((f) => f.endsWith('.yml')))('workflows-examples/%s', (file) => {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const workflow = parse(text) as { jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it('gives the suite’s actions only inputs they declare, and every required one', () => {
    for (const step of steps) {
      const action = OURS.exec(step.uses ?? '')?.[1];
      if (!action) continue;
      const inputs = manifest(action).inputs ?? {};
      for (const name of Object.keys(step.with ?? {})) expect(inputs, `${action} input ${name}`).toHaveProperty([name]);
      for (const [name, spec] of Object.entries(inputs))
        if (spec.required && spec.default === undefined)
          expect(step.with, `${action} needs ${name}`).toHaveProperty([name]);
    }
  });

  it('reads only outputs the suite’s actions set', () => {
    const actionOf = new Map(steps.filter((s) => s.id).map((s) => [s.id as string, OURS.exec(s.uses ?? '')?.[1]]));
    for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      const action = actionOf.get(id as string);
      if (action) expect(manifest(action).outputs, `${id}.outputs.${output}`).toHaveProperty([output as string]);
    }
  });
});

describe('workflows-examples/smart360-pipeline.yml', () => {
  it('runs the whole pipeline with the seven actions of the Smart360 stages, for a service chosen by hand', () => {
    const text = readFileSync(path.join(dir, 'smart360-pipeline.yml'), 'utf8');
    const workflow = parse(text) as { on: { workflow_dispatch: { inputs: Record<string, unknown> } } };
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(['service', 'environment', 'branch']);
    const used = new Set(
      [...text.matchAll(/uses: owner\/gke-deploy-actions\/actions\/([a-z-]+)@v1/g)].map((m) => m[1]),
    );
    expect([...used].sort()).toEqual(
      ['auto-rollback', 'build-push', 'deploy-redis', 'ensure-cert', 'notify', 'rollout', 'smoke-test'].sort(),
    );
  });
});

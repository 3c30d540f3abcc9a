import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../packages/pipeline/src/load.js';
import { checkEnvironment } from '../packages/pipeline/src/run.js';

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
const manifestFile = (action: string) =>
  action === '.' ? path.join(repoRoot, 'action.yml') : path.join(repoRoot, 'actions', action, 'action.yml');
const manifest = (action: string) => parse(readFileSync(manifestFile(action), 'utf8')) as ActionManifest;
// An action of the suite, or the root action ('.'): the whole pipeline.
const OURS = /^owner\/gke-deploy-actions(?:\/actions\/([a-z-]+))?@v1$/;
const ours = (uses: string | undefined): string | undefined => {
  const match = OURS.exec(uses ?? '');
  return match ? (match[1] ?? '.') : undefined;
};

/** workflowErrors are what GitHub's own workflow parser finds wrong in a workflow file. */
function workflowErrors(name: string, content: string): string[] {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => error.message);
}

/**
 * checkEveryEnvironment runs every stage's checks on each environment of a config, as the root
 * action does before deploying it, from a branch its branch_filter takes.
 */
function checkEveryEnvironment(loaded: ReturnType<typeof loadConfig>, workspace: string): void {
  const saved = { ...process.env };
  // What the runner sets for a push: the tag templates read the run number and the commit.
  Object.assign(process.env, {
    GITHUB_RUN_NUMBER: '57',
    GITHUB_SHA: '7c53942d0123456789abcdef0123456789abcdef',
    GITHUB_REPOSITORY: 'acme/storefront',
    GITHUB_WORKSPACE: workspace,
  });
  try {
    for (const environment of loaded.config.environments) {
      const filters = [environment.branch_filter ?? 'main'].flat();
      process.env.GITHUB_REF = `refs/heads/${(filters[0] as string).replace(/\*+/g, 'x')}`;
      expect(() => checkEnvironment(loaded, environment.name), environment.name).not.toThrow();
    }
  } finally {
    process.env = saved;
  }
}

describe("GitHub's workflow parser", () => {
  it('finds what GitHub would refuse (the check can fail)', () => {
    expect(workflowErrors('bad.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n')).not.toEqual(
      [],
    );
  });
  const actions = readdirSync(path.join(repoRoot, 'actions'), { withFileTypes: true }).filter((e) => e.isDirectory());
  it.each(['.', ...actions.map((e) => e.name)])('reads the action.yml of %s without an error', (action) => {
    const result = parseAction(
      { name: 'action.yml', content: readFileSync(manifestFile(action), 'utf8') },
      new NoOperationTraceWriter(),
    );
    expect(result.context.errors.getErrors().map((error) => error.message)).toEqual([]);
  });
});

describe("the suite's own workflows (.github/workflows)", () => {
  const own = path.join(repoRoot, '.github/workflows');
  it.each(readdirSync(own))("%s is valid for GitHub's workflow parser", (file) => {
    expect(workflowErrors(file, readFileSync(path.join(own, file), 'utf8'))).toEqual([]);
  });

  it('writes the release notes from the tagged version’s section of CHANGELOG.md, and refuses a version it lacks', () => {
    const release = parse(readFileSync(path.join(own, 'release.yml'), 'utf8')) as {
      jobs: { release: { steps: { name?: string; run?: string }[] } };
    };
    const script = release.jobs.release.steps.find((s) => s.name === 'Release notes from CHANGELOG.md')?.run as string;
    const dir = mkdtempSync(path.join(tmpdir(), 'release-notes-'));
    writeFileSync(
      path.join(dir, 'CHANGELOG.md'),
      '# Changelog\n\n## 1.2.0 — 2027-01-10\n\n- Canary analysis.\n\n## 1.1.0 — 2026-12-20\n\n- Hooks.\n',
    );
    const notes = (tag: string) =>
      spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd: dir, env: { ...process.env, GITHUB_REF_NAME: tag } });
    expect(notes('v1.2.0').status).toBe(0);
    expect(readFileSync(path.join(dir, 'notes.md'), 'utf8')).toBe('\n- Canary analysis.\n\n');
    expect(notes('v1.1.0').status).toBe(0);
    expect(readFileSync(path.join(dir, 'notes.md'), 'utf8')).toBe('\n- Hooks.\n');
    const missing = notes('v1.3.0');
    expect(missing.status).toBe(1);
    expect(missing.stdout.toString()).toContain('::error::CHANGELOG.md has no section for 1.3.0');
  });
});

describe('workflows-examples: one complete workflow per pipeline our users run', () => {
  it.each([
    ['a manual deploy of a chosen service', 'manual-service-deploy.yml'],
    ['promotion through environments', 'promotion-blue-green.yml'],
    ['branch → namespace', 'branch-namespaces.yml'],
    ['the one-file pipeline', 'one-file-pipeline.yml'],
    ['test, build, deploy, roll back', 'test-build-deploy-rollback.yml'],
  ])('%s: %s, with nothing left out', (_, file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    expect(text).not.toMatch(/#\s*\.\.\.|…\s*$/m);
  });

  it("the README's config file passes the root action's checks", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const block = /```yaml\n(# \.github\/deploy\.yml[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const workspace = mkdtempSync(path.join(tmpdir(), 'readme-'));
    mkdirSync(path.join(workspace, '.github'));
    writeFileSync(path.join(workspace, '.github/deploy.yml'), block as string);
    // The repository it stands in: a Dockerfile with the stages the config builds.
    writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM python:3.12 AS web\nFROM web AS worker\n');
    const loaded = loadConfig('.github/deploy.yml', {
      GITHUB_WORKSPACE: workspace,
      SLACK_WEBHOOK: 'https://hooks.slack.com/services/T0/B0/x',
    });
    expect(loaded.config.environments.map((e) => e.name)).toEqual(['staging', 'production']);
    checkEveryEnvironment(loaded, workspace);
  });

  it("the one-file config example passes every stage's checks, for every environment", () => {
    // In the repository it stands in: the config in .github, a Dockerfile with the stages it builds.
    const workspace = mkdtempSync(path.join(tmpdir(), 'one-file-'));
    mkdirSync(path.join(workspace, '.github'));
    copyFileSync(path.join(dir, 'config/deploy.yml'), path.join(workspace, '.github/deploy.yml'));
    writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM node:22 AS web\nFROM web AS worker\n');
    const loaded = loadConfig('.github/deploy.yml', {
      GITHUB_WORKSPACE: workspace,
      SLACK_WEBHOOK: 'https://hooks.slack.com/services/T0/B0/x',
      DEPLOY_EVENTS_WEBHOOK: 'https://events.example.com/deploys',
      SMTP_PASSWORD: 'x',
    });
    expect(loaded.config.environments.map((e) => e.name)).toEqual(['development', 'staging', 'production']);
    checkEveryEnvironment(loaded, workspace);
  });
});

/** The reusable workflows the suite ships, as a caller's `uses:` names them. */
const reusable = (uses: string | undefined) =>
  /^owner\/gke-deploy-actions\/(\.github\/workflows\/[\w.-]+)@v1$/.exec(uses ?? '')?.[1];

// Every example, and the reusable workflow the suite ships (its steps use the root action).
describe.each([
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => `workflows-examples/${f}`),
  '.github/workflows/pipeline.yml',
])('%s', (file) => {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  const workflow = parse(text) as {
    jobs: Record<string, { steps?: Step[]; uses?: string; with?: Record<string, unknown> }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);

  it("is valid for GitHub's workflow parser", () => {
    expect(workflowErrors(path.basename(file), text)).toEqual([]);
  });

  it('calls the suite’s reusable workflows with only the inputs they declare, and every required one', () => {
    for (const job of Object.values(workflow.jobs)) {
      const called = reusable(job.uses);
      if (!called) continue;
      const inputs =
        (
          parse(readFileSync(path.join(repoRoot, called), 'utf8')) as {
            on: { workflow_call: { inputs?: Record<string, { required?: boolean }> } };
          }
        ).on.workflow_call.inputs ?? {};
      for (const name of Object.keys(job.with ?? {})) expect(inputs, `${called} input ${name}`).toHaveProperty([name]);
      for (const [name, spec] of Object.entries(inputs))
        if (spec.required) expect(job.with, `${called} needs ${name}`).toHaveProperty([name]);
    }
  });

  it('gives the suite’s actions only inputs they declare, and every required one', () => {
    for (const step of steps) {
      const action = ours(step.uses);
      if (!action) continue;
      const inputs = manifest(action).inputs ?? {};
      for (const name of Object.keys(step.with ?? {})) expect(inputs, `${action} input ${name}`).toHaveProperty([name]);
      for (const [name, spec] of Object.entries(inputs))
        if (spec.required && spec.default === undefined)
          expect(step.with, `${action} needs ${name}`).toHaveProperty([name]);
    }
  });

  it('reads only outputs the suite’s actions set', () => {
    const actionOf = new Map(steps.filter((s) => s.id).map((s) => [s.id as string, ours(s.uses)]));
    for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      const action = actionOf.get(id as string);
      if (action) expect(manifest(action).outputs, `${id}.outputs.${output}`).toHaveProperty([output as string]);
    }
  });
});

describe('workflows-examples/manual-service-deploy.yml', () => {
  it('runs the whole pipeline with the seven actions of the manual deploy stages, for a service chosen by hand', () => {
    const text = readFileSync(path.join(dir, 'manual-service-deploy.yml'), 'utf8');
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

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBundle } from '@gke-deploy/action-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeDocker } from './support/fake-docker.js';
import { startHttpServer, type TestServer } from './support/http-server.js';
import { freePort } from './support/ports.js';
import { startRegistry, type TestRegistry } from './support/registry.js';
import { until } from './support/until.js';

/** A repository like our users': one Dockerfile, a web and a worker stage, both FROM scratch (no daemon, no network). */
function createWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'workspace-'));
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app/server.txt'), 'web server\n');
  writeFileSync(path.join(dir, 'app/tasks.txt'), 'celery tasks\n');
  writeFileSync(
    path.join(dir, 'app/Dockerfile'),
    ['FROM scratch AS web', 'COPY server.txt /srv/', 'FROM scratch AS worker', 'COPY tasks.txt /srv/', ''].join('\n'),
  );
  return dir;
}

/** A containers/storage configuration of our own, so tests never touch the machine's image store. */
function buildahEnv(): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'buildah-'));
  writeFileSync(
    path.join(dir, 'storage.conf'),
    `[storage]\ndriver = "vfs"\nrunroot = "${dir}/run"\ngraphroot = "${dir}/root"\n`,
  );
  return { CONTAINERS_STORAGE_CONF: path.join(dir, 'storage.conf') };
}

const SHA = '0123456789abcdef0123456789abcdef01234567';
const github = (ref = 'refs/heads/main') => ({
  GITHUB_REPOSITORY: 'acme/auth',
  GITHUB_SHA: SHA,
  GITHUB_REF: ref,
  GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
  GITHUB_RUN_NUMBER: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_SERVER_URL: 'https://github.com',
  SOURCE_DATE_EPOCH: '1763700000',
});

const images = `
web:
  context: app
  target: web
worker:
  context: app
  target: worker
`;

describe('build-push with buildah and a real registry', () => {
  let registry: TestRegistry;
  const workspace = createWorkspace();
  const storage = buildahEnv();
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.close());

  const build = () =>
    runBundle('build-push', {
      inputs: {
        builder: 'buildah',
        registry: registry.host,
        repository: 'acme',
        service: 'auth',
        images,
        tags: '{sha7}\nv1.0.{run-number}-{sha7}\nlatest',
        labels: 'com.example.team=platform',
        'insecure-registry': 'true',
      },
      env: { ...github(), ...storage, GITHUB_WORKSPACE: workspace },
      timeoutMs: 120_000,
    });

  it('builds without the GitHub Actions cache when auto finds no Docker daemon, and says so', async () => {
    const run = await runBundle('build-push', {
      inputs: {
        builder: 'auto',
        registry: registry.host,
        repository: 'acme',
        service: 'cached',
        images,
        tags: '{sha7}',
        'cache-from': 'type=gha',
        'cache-to': 'type=gha,mode=max',
        'insecure-registry': 'true',
      },
      // A runner without Docker (a self-hosted one): buildah is what there is.
      env: { ...github(), ...storage, GITHUB_WORKSPACE: workspace, PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
      timeoutMs: 120_000,
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('builder: buildah');
    expect(run.warnings).toEqual([
      'build-push: cache-from/cache-to: no Docker daemon answers, so buildah builds, and it cannot use the GitHub Actions cache (gha): building without it. Run docker/setup-buildx-action on a runner with Docker, or give a registry repository as the cache.',
    ]);
  });

  it('builds two targets of one Dockerfile, pushes them, and outputs the registry digests', async () => {
    const run = await build();
    expect(run.stderr).toBe('');
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const output = JSON.parse(run.outputs.metadata as string) as Record<
      string,
      { ref: string; tags: string[]; digest: string }
    >;
    expect(Object.keys(output)).toEqual(['web', 'worker']);
    for (const [name, image] of Object.entries(output)) {
      const repository = `acme/auth-${name}`;
      expect(image.tags).toEqual([
        `${registry.host}/${repository}:0123456`,
        `${registry.host}/${repository}:v1.0.42-0123456`,
        `${registry.host}/${repository}:latest`,
      ]);
      // The digest is the registry's manifest digest, for every tag.
      for (const tag of ['0123456', 'v1.0.42-0123456', 'latest']) {
        expect((await registry.manifest(repository, tag)).digest).toBe(image.digest);
      }
      expect(image.ref).toBe(`${registry.host}/${repository}@${image.digest}`);
      expect(await registry.tags(repository)).toEqual(['0123456', 'latest', 'v1.0.42-0123456']);
      const manifest = await registry.manifest(repository, image.digest);
      const config = await registry.blob(repository, (manifest.body.config as { digest: string }).digest);
      expect((config.config as { Labels: Record<string, string> }).Labels).toMatchObject({
        'org.opencontainers.image.source': 'https://github.com/acme/auth',
        'org.opencontainers.image.revision': SHA,
        'org.opencontainers.image.title': `auth-${name}`,
        'org.opencontainers.image.version': '0123456',
        'org.opencontainers.image.created': '2025-11-21T04:40:00.000Z',
        'com.example.team': 'platform',
      });
    }
    expect(output.web?.digest).not.toBe(output.worker?.digest);
    expect(run.outputs.refs).toBe(`web=${output.web?.ref}\nworker=${output.worker?.ref}`);
    expect(run.summary).toContain(output.web?.digest);

    // The same inputs again: the same digests, and not one new blob in the registry.
    const blobs = registry.blobCount();
    const again = await build();
    expect(again.exitCode).toBe(0);
    expect(JSON.parse(again.outputs.metadata as string)).toEqual(output);
    expect(registry.blobCount()).toBe(blobs);
  });

  it('names the image that failed and shows the end of its build log', async () => {
    writeFileSync(
      path.join(workspace, 'app/Broken.Dockerfile'),
      'FROM scratch AS broken\nCOPY missing-file.txt /srv/\n',
    );
    const run = await runBundle('build-push', {
      inputs: {
        builder: 'buildah',
        registry: registry.host,
        repository: 'acme',
        images: 'ok:\n  context: app\n  target: web\nbroken:\n  context: app\n  file: app/Broken.Dockerfile\n',
        'insecure-registry': 'true',
      },
      env: { ...github(), ...storage, GITHUB_WORKSPACE: workspace },
      timeoutMs: 120_000,
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^build-push: image broken: buildah bud failed \(exit \d+\):\n/);
    expect(run.errors[0]).toContain('missing-file.txt');
  });

  it("pushes to the registry the README's two lines start", async () => {
    const readme = readFileSync(path.join(import.meta.dirname, '../actions/build-push/README.md'), 'utf8');
    const lines = /## A registry on your machine[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] as string;
    expect(lines.trim().split('\n')).toHaveLength(2);
    // Its own directory and a free port, so that tests running at once do not meet; nothing else changes.
    const dir = mkdtempSync(path.join(tmpdir(), 'readme-registry-'));
    const port = await freePort();
    const script = lines.replaceAll('/tmp/registry', path.join(dir, 'registry')).replaceAll(':5000', `:${port}`);
    const shell = spawn('bash', ['-c', `${script}echo $! > ${dir}/pid; wait`], { stdio: 'ignore' });
    try {
      await until(
        () =>
          fetch(`http://127.0.0.1:${port}/v2/`).then(
            (r) => r.ok,
            () => false,
          ),
        (ok) => ok,
      );
      const run = await runBundle('build-push', {
        inputs: {
          builder: 'buildah',
          registry: `127.0.0.1:${port}`,
          repository: 'acme',
          images: 'web:\n  context: app\n  target: web\n',
          'insecure-registry': 'true',
        },
        env: { ...github(), ...storage, GITHUB_WORKSPACE: workspace },
        timeoutMs: 120_000,
      });
      expect(run.errors).toEqual([]);
      expect(run.outputs.refs).toMatch(new RegExp(`^web=127\\.0\\.0\\.1:${port}/acme/web@sha256:`));
    } finally {
      process.kill(Number(readFileSync(path.join(dir, 'pid'), 'utf8')));
      shell.kill();
    }
  });

  it("says to set insecure-registry when buildah's push meets HTTP", async () => {
    const run = await runBundle('build-push', {
      inputs: {
        builder: 'buildah',
        registry: registry.host,
        repository: 'acme',
        images: 'web:\n  context: app\n  target: web\n',
      },
      env: { ...github(), ...storage, GITHUB_WORKSPACE: workspace },
      timeoutMs: 120_000,
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^build-push: image web: pushing \S+ failed:\n/);
    expect(run.errors[0]).toContain('server gave HTTP response to HTTPS client');
    expect(run.errors[0]?.split('\n').at(-1)).toBe(
      "The registry speaks plain HTTP, not HTTPS: set 'insecure-registry: true' for a registry you run yourself (a registry on this machine, 127.0.0.1 or localhost, is one).",
    );
  });
});

describe('build-push with docker buildx (a recording fake: no daemon here)', () => {
  const workspace = createWorkspace();

  it('passes tags, targets, labels, cache, platform, provenance and secrets as buildx flags', async () => {
    const docker = createFakeDocker();
    const run = await runBundle('build-push', {
      inputs: {
        registry: 'ghcr.io',
        repository: 'acme',
        service: 'auth',
        images: `${images}  platforms: linux/amd64,linux/arm64\n  build-args:\n    CELERY_VERSION: "5.4"\n`,
        tags: '{branch}-{run-number}\nlatest',
        'cache-from': 'gha\nghcr.io/acme/cache',
        'cache-to': 'gha',
        secrets: 'pip_token=s3cr3t-pip-token',
        username: 'bot',
        password: 'ghp_registrypassword123',
      },
      env: { ...github('refs/heads/feature/Login_Fix'), ...docker.env, GITHUB_WORKSPACE: workspace },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const calls = docker.calls();
    expect(calls[0]?.args).toEqual(['info', '--format', '{{.ServerVersion}}']);
    expect(calls[1]).toMatchObject({
      args: ['login', '--username', 'bot', '--password-stdin', 'ghcr.io'],
      stdin: 'ghp_registrypassword123',
    });
    const builds = calls.filter((call) => call.args[0] === 'buildx');
    expect(builds).toHaveLength(2);
    const worker = builds.find((call) => call.args.includes('worker')) as { args: string[]; sourceDateEpoch?: string };
    expect(worker.sourceDateEpoch).toBe('1763700000');
    const flags = worker.args.join(' ');
    expect(worker.args.slice(0, 4)).toEqual(['buildx', 'build', '--file', path.join(workspace, 'app/Dockerfile')]);
    for (const expected of [
      '--target worker',
      '--build-arg CELERY_VERSION=5.4',
      '--label org.opencontainers.image.title=auth-worker',
      '--platform linux/amd64,linux/arm64',
      '--cache-from type=gha,scope=worker',
      '--cache-from type=registry,ref=ghcr.io/acme/cache',
      '--cache-to type=gha,mode=max,scope=worker',
      '--provenance=false',
      '--tag ghcr.io/acme/auth-worker:feature-Login_Fix-42',
      '--push',
    ]) {
      expect(flags).toContain(expected);
    }
    // latest is for the default branch only.
    expect(flags).not.toContain(':latest');
    expect(flags).toMatch(/--secret id=pip_token,src=\S+secret-pip_token/);
    expect(worker.args.at(-1)).toBe(path.join(workspace, 'app'));
    expect(run.stdout).toContain('tag skipped: latest (not on the default branch main)');
    const output = JSON.parse(run.outputs.metadata as string);
    expect(output.worker.ref).toMatch(/^ghcr\.io\/acme\/auth-worker@sha256:[0-9a-f]{64}$/);
    expect(run.printed).not.toContain('s3cr3t-pip-token');
    expect(run.printed).not.toContain('ghp_registrypassword123');
  });

  it('tags a release from its git tag, with semver parts', async () => {
    const docker = createFakeDocker();
    const run = await runBundle('build-push', {
      inputs: {
        registry: 'ghcr.io',
        repository: 'acme',
        context: 'app',
        name: 'web',
        tags: '{semver}\n{semver-minor}\n{semver-major}\n{branch}',
        builder: 'docker',
        push: 'false',
      },
      env: { ...github('refs/tags/v2.4.1'), ...docker.env, GITHUB_WORKSPACE: workspace },
    });
    expect(run.exitCode).toBe(0);
    const build = docker.calls().find((call) => call.args[0] === 'buildx') as { args: string[] };
    expect(build.args.filter((_, i) => build.args[i - 1] === '--tag')).toEqual([
      'ghcr.io/acme/web:2.4.1',
      'ghcr.io/acme/web:2.4',
      'ghcr.io/acme/web:2',
    ]);
    expect(build.args).toContain('--load');
    expect(build.args).not.toContain('--push');
    expect(JSON.parse(run.outputs.metadata as string).web).toEqual({
      ref: 'ghcr.io/acme/web:2.4.1',
      tags: ['ghcr.io/acme/web:2.4.1', 'ghcr.io/acme/web:2.4', 'ghcr.io/acme/web:2'],
      digest: '',
    });
  });

  it('falls back to buildah when no Docker daemon answers', async () => {
    const docker = createFakeDocker({ daemon: false });
    const run = await runBundle('build-push', {
      inputs: { registry: '127.0.0.1:9', context: 'app', target: 'web', push: 'false' },
      env: { ...github(), ...docker.env, ...buildahEnv(), GITHUB_WORKSPACE: workspace },
      timeoutMs: 120_000,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('builder: buildah; images: app');
    expect(docker.calls().map((call) => call.args[0])).toEqual(['info']);
  });

  it('shows the end of a failed build log with the image name', async () => {
    const docker = createFakeDocker({ failBuildOf: 'auth-worker' });
    const run = await runBundle('build-push', {
      inputs: { registry: 'ghcr.io', repository: 'acme', service: 'auth', images, builder: 'docker' },
      env: { ...github(), ...docker.env, GITHUB_WORKSPACE: workspace },
    });
    expect(run.exitCode).toBe(1);
    const [error] = run.errors as [string];
    expect(error).toMatch(/^build-push: image worker: docker buildx build failed \(exit 1\):\n/);
    expect(error.trimEnd().split('\n').at(-1)).toBe(
      'ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2',
    );
    expect(error).not.toContain('#1 step 1\n');
    expect(error).not.toContain('image web');
  });
});

describe('registry login with Application Default Credentials', () => {
  let metadata: TestServer;
  const TOKEN = 'ya29.fake-access-token-0123456789';
  beforeAll(async () => {
    // The GCE metadata server, as google-auth-library finds it through GCE_METADATA_HOST.
    metadata = await startHttpServer((req, res) => {
      res.setHeader('metadata-flavor', 'Google');
      if (req.url.startsWith('/computeMetadata/v1/instance/service-accounts/default/token')) {
        res.setHeader('content-type', 'application/json');
        return void res.end(JSON.stringify({ access_token: TOKEN, expires_in: 3599, token_type: 'Bearer' }));
      }
      res.end('');
    });
  });
  afterAll(() => metadata.close());

  it('logs in to Artifact Registry as oauth2accesstoken with the access token, masked', async () => {
    const docker = createFakeDocker();
    const home = mkdtempSync(path.join(tmpdir(), 'home-'));
    const run = await runBundle('build-push', {
      inputs: {
        registry: 'us-central1-docker.pkg.dev',
        repository: 'acme-prod/services',
        context: 'app',
        target: 'web',
        builder: 'docker',
      },
      env: {
        ...github(),
        ...docker.env,
        GITHUB_WORKSPACE: createWorkspace(),
        HOME: home,
        GCE_METADATA_HOST: `127.0.0.1:${metadata.port}`,
      },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const login = docker.calls().find((call) => call.args[0] === 'login');
    expect(login).toMatchObject({
      args: ['login', '--username', 'oauth2accesstoken', '--password-stdin', 'us-central1-docker.pkg.dev'],
      stdin: TOKEN,
      sourceDateEpoch: '1763700000',
    });
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(run.printed).not.toContain(TOKEN);
  });
});

describe('build-push leaves no builder, secret or credential behind', () => {
  const workspace = createWorkspace();
  const isAlive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('on cancel: stops the builders, removes the secret files and the login at once', async () => {
    const docker = createFakeDocker({ slowBuild: true });
    const home = mkdtempSync(path.join(tmpdir(), 'home-'));
    const runnerTemp = mkdtempSync(path.join(tmpdir(), 'runner-temp-'));
    const run = await runBundle('build-push', {
      inputs: {
        registry: 'ghcr.io',
        repository: 'acme',
        service: 'auth',
        images,
        secrets: 'pip_token=s3cr3t-pip-token',
        username: 'bot',
        password: 'ghp_registrypassword123',
      },
      env: { ...github(), ...docker.env, GITHUB_WORKSPACE: workspace, HOME: home, RUNNER_TEMP: runnerTemp },
      interrupt: {
        when: () => existsSync(docker.pidFile) && readFileSync(docker.pidFile, 'utf8').split('\n').length > 2,
      },
      timeoutMs: 20_000,
    });
    expect(run.exitCode).toBe(130);
    const pids = readFileSync(docker.pidFile, 'utf8').split('\n').filter(Boolean).map(Number);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(isAlive(pid), `builder ${pid} still running`).toBe(false);
    // The step's directory held the secret files and the step's Docker config: all gone.
    expect(readdirSync(runnerTemp)).toEqual([]);
    expect(existsSync(path.join(home, '.docker'))).toBe(false);
    const login = docker.calls().find((call) => call.args[0] === 'login');
    expect(login?.dockerConfig).toMatch(new RegExp(`^${runnerTemp}/build-push-[^/]+/docker-config$`));
    const build = docker.calls().find((call) => call.args[0] === 'buildx');
    expect(build?.dockerConfig).toBe(login?.dockerConfig);
  });

  it('logs in for this step only: the user config is kept as it was, the login removed afterwards', async () => {
    const docker = createFakeDocker();
    const home = mkdtempSync(path.join(tmpdir(), 'home-'));
    const runnerTemp = mkdtempSync(path.join(tmpdir(), 'runner-temp-'));
    mkdirSync(path.join(home, '.docker/buildx'), { recursive: true });
    const userConfig = JSON.stringify({ auths: { 'quay.io': { auth: 'dXNlcjpwYXNz' } } });
    writeFileSync(path.join(home, '.docker/config.json'), userConfig);
    const run = await runBundle('build-push', {
      inputs: {
        registry: 'ghcr.io',
        repository: 'acme',
        service: 'auth',
        images,
        username: 'bot',
        password: 'pw-1234',
      },
      env: { ...github(), ...docker.env, GITHUB_WORKSPACE: workspace, HOME: home, RUNNER_TEMP: runnerTemp },
    });
    expect(run.exitCode).toBe(0);
    expect(readFileSync(path.join(home, '.docker/config.json'), 'utf8')).toBe(userConfig);
    expect(readdirSync(runnerTemp)).toEqual([]);
    expect(run.stdout).toContain('logged in to ghcr.io as bot (for this step only)');
  });

  it('logs buildah in with its own auth file, and honours insecure-registry there too', async () => {
    const registry = await startRegistry();
    try {
      const home = mkdtempSync(path.join(tmpdir(), 'home-'));
      const runnerTemp = mkdtempSync(path.join(tmpdir(), 'runner-temp-'));
      const run = await runBundle('build-push', {
        inputs: {
          builder: 'buildah',
          registry: registry.host,
          repository: 'acme',
          service: 'auth',
          images,
          username: 'bot',
          password: 'pw-1234',
          'insecure-registry': 'true',
        },
        env: {
          ...github(),
          ...buildahEnv(),
          GITHUB_WORKSPACE: workspace,
          HOME: home,
          RUNNER_TEMP: runnerTemp,
          XDG_RUNTIME_DIR: path.join(home, 'run'),
        },
        timeoutMs: 120_000,
      });
      expect(run.errors).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(JSON.parse(run.outputs.metadata as string).web.ref).toMatch(/^127\.0\.0\.1:\d+\/acme\/auth-web@sha256:/);
      expect(readdirSync(runnerTemp)).toEqual([]);
      expect(existsSync(path.join(home, 'run/containers/auth.json'))).toBe(false);
      expect(existsSync(path.join(home, '.docker'))).toBe(false);
    } finally {
      await registry.close();
    }
  }, 120_000);
});

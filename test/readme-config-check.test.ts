import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import { describe, expect, it } from 'vitest';

// The README's "Check the file before you push": its command, run as written from a repository
// holding the README's own config file, with the clone of the actions in this checkout's place.
const run = promisify(execFile);
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Check the file before you push'));
const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
const CLONE = '../gke-deploy-actions';
// The clone is the one line that needs the network: the checkout under test stands for it.
const command = block
  .split('\n')
  .filter((line) => !line.startsWith('git clone'))
  .join('\n')
  .replaceAll(CLONE, repoRoot);
const config = /```yaml\n(# \.github\/deploy\.yml[\s\S]*?)```/.exec(readme)?.[1] ?? '';
/** A secret of the developer's shell, which the README's config names. */
const SLACK_WEBHOOK = 'https://hooks.slack.com/services/T0000/B0000/SECRETtokenOfTheShell';

/** check runs the README's command from a repository whose .github/deploy.yml is `text`. */
async function check(text: string) {
  const repository = mkdtempSync(path.join(tmpdir(), 'config-check-'));
  mkdirSync(path.join(repository, '.github'));
  writeFileSync(path.join(repository, '.github/deploy.yml'), text);
  writeFileSync(path.join(repository, 'Dockerfile'), 'FROM scratch AS web\nFROM scratch AS worker\n');
  // `node` is the Node that runs these tests (the repository's Node 24, as the README asks); the
  // shell holds a secret, as a developer's may.
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`, SLACK_WEBHOOK };
  return run('sh', ['-c', command], { cwd: repository, env }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

describe("the README's config check", () => {
  it('is the command the README shows, with the clone it makes', () => {
    expect(block).toContain(`git clone --depth 1 --branch v1 https://github.com/owner/gke-deploy-actions ${CLONE}\n`);
    expect(command).toContain(`node ${repoRoot}/dist/pipeline/main.js`);
    expect(command).toMatch(/^env -i /m);
    expect(config).toContain('service: user-service');
  });

  it("passes the README's config, naming the environments main deploys to", async () => {
    const passed = await check(config);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('main deploys to staging, production.\n');
    expect(passed.stdout).not.toContain('::error::');
    // Nothing of the shell's environment reaches it: its secret is neither read nor printed.
    expect(passed.stdout).not.toContain('SECRETtokenOfTheShell');
    expect(passed.stdout).not.toContain(Buffer.from(SLACK_WEBHOOK).toString('base64').slice(8, 40));
  });

  it('fails a mistake in one line naming its field, with exit status 1', async () => {
    const failed = await check(
      config.replace(
        '    namespace: staging-user-service\n',
        '    namespace: staging-user-service\n    replicas: { beat: 2 }\n',
      ),
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([
      `::error::gke-deploy-actions: .github/deploy.yml: environments[0].replicas (rollout's replicas) names "beat", which is not a component of 'images'.`,
    ]);
  });
});

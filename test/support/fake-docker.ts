import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface FakeDocker {
  /** Directory to put first on PATH. */
  bin: string;
  /** Every call: its arguments, its standard input, SOURCE_DATE_EPOCH and DOCKER_CONFIG. */
  calls(): { args: string[]; stdin: string; sourceDateEpoch?: string; dockerConfig?: string }[];
  env: Record<string, string>;
  /** With `slowBuild`: the file where each running build writes its process id. */
  pidFile: string;
}

/**
 * createFakeDocker puts a `docker` on PATH that records its arguments (there is no daemon here).
 * `docker info` answers as a running daemon unless `daemon: false`; `buildx build --metadata-file F --push`
 * writes a manifest digest into F as buildx does: the same for the same arguments.
 */
export function createFakeDocker(
  options: { daemon?: boolean; failBuildOf?: string; slowBuild?: boolean } = {},
): FakeDocker {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-docker-'));
  const log = path.join(dir, 'calls.jsonl');
  const pidFile = path.join(dir, 'build.pids');
  writeFileSync(log, '');
  const script = `#!/usr/bin/env node
const fs = require('node:fs');
const crypto = require('node:crypto');
const args = process.argv.slice(2);
let stdin = '';
try { if (args[0] === 'login') stdin = fs.readFileSync(0, 'utf8'); } catch {}
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, stdin, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, dockerConfig: process.env.DOCKER_CONFIG }) + '\\n');
if (args[0] === 'info') process.exit(${options.daemon === false ? 1 : 0});
if (args[0] === 'login') {
  // As docker login does: the credentials go into config.json of DOCKER_CONFIG, else ~/.docker.
  const config = process.env.DOCKER_CONFIG || require('node:path').join(require('node:os').homedir(), '.docker');
  fs.mkdirSync(config, { recursive: true });
  const file = require('node:path').join(config, 'config.json');
  const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  current.auths = { ...current.auths, [args.at(-1)]: { auth: Buffer.from(args[2] + ':' + stdin).toString('base64') } };
  fs.writeFileSync(file, JSON.stringify(current));
}
if (args[0] === 'buildx' && ${options.slowBuild === true}) {
  fs.appendFileSync(${JSON.stringify(pidFile)}, process.pid + '\\n');
  setTimeout(() => process.exit(0), 60000);
  return;
}
if (args[0] === 'buildx' && args[1] === 'build') {
  const tags = args.filter((_, i) => args[i - 1] === '--tag');
  if (${JSON.stringify(options.failBuildOf ?? '')} && tags.some((t) => t.includes(${JSON.stringify(options.failBuildOf ?? '')}))) {
    for (let i = 1; i <= 40; i++) console.error('#' + i + ' step ' + i);
    console.error('ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2');
    process.exit(1);
  }
  const metadata = args[args.indexOf('--metadata-file') + 1];
  // As a real build's: the same inputs give the same digest, another commit (label) another one.
  const inputs = args.filter((arg, i) => arg !== '--metadata-file' && args[i - 1] !== '--metadata-file');
  const digest = 'sha256:' + crypto.createHash('sha256').update(inputs.join(' ')).digest('hex');
  fs.writeFileSync(metadata, JSON.stringify({ 'containerimage.digest': digest, 'image.name': tags.join(',') }));
}
process.exit(0);
`;
  const bin = path.join(dir, 'docker');
  writeFileSync(bin, script);
  chmodSync(bin, 0o755);
  return {
    bin: dir,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    env: { PATH: `${dir}:${process.env.PATH}` },
    pidFile,
  };
}

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UNFINISHED_STEPS } from '@gke-deploy/action-kit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// What GitHub Marketplace and a platform team's review need from each action's metadata.
const root = path.resolve(import.meta.dirname, '..');
const manifests = [
  'action.yml',
  ...readdirSync(path.join(root, 'actions'))
    .map((action) => `actions/${action}/action.yml`)
    .filter((file) => existsSync(path.join(root, file))),
];

/**
 * A Node older than 24 on this machine (Debian's, beside the repository's own), if it has one:
 * from 16 on, the first that parse the entries' top-level await and reach their check.
 */
const olderNode = ['/usr/bin/node', '/usr/bin/nodejs'].find((node) => {
  if (!existsSync(node)) return false;
  const major = Number(execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.')[0]);
  return major >= 16 && major < 24;
});

describe.each(manifests)('%s', (file) => {
  const manifest = parse(readFileSync(path.join(root, file), 'utf8')) as {
    name?: string;
    description?: string;
    author?: string;
    branding?: { icon?: string; color?: string };
    runs?: { using?: string; post?: string; 'post-if'?: string };
  };

  it('has a Marketplace description (under 125 characters; the detail is in its README)', () => {
    expect(manifest.description?.length ?? 0).toBeGreaterThan(20);
    expect(manifest.description?.length ?? 999).toBeLessThan(125);
    expect(existsSync(path.join(root, path.dirname(file), 'README.md'))).toBe(true);
  });

  it('names an author and its branding, and runs on Node 24', () => {
    expect(manifest.author).toBeTruthy();
    expect(manifest.branding?.icon).toBeTruthy();
    expect(manifest.branding?.color).toBeTruthy();
    expect(manifest.runs?.using).toBe('node24');
  });

  it.skipIf(!olderNode)('says in one line that it runs on Node 24 when started on an older one', () => {
    const manifestOf = parse(readFileSync(path.join(root, file), 'utf8')) as { runs: { main: string; post?: string } };
    for (const entry of [manifestOf.runs.main, manifestOf.runs.post].filter((e): e is string => e !== undefined)) {
      const started = spawnSync(olderNode as string, [path.join(root, path.dirname(file), entry)], {
        encoding: 'utf8',
      });
      expect(started.status).toBe(1);
      expect(started.stderr).toBe('');
      expect(started.stdout).toMatch(
        /^::error::This action runs on Node 24 \(its action\.yml says node24\); this is Node \d+\.\d+\.\d+\.\n$/,
      );
    }
  });

  it('starts its post step, if it has one, only when a main step left it work (test/post-step.test.ts)', () => {
    if (manifest.runs?.post) expect(manifest.runs['post-if']).toBe(`always() && env.${UNFINISHED_STEPS} != ''`);
    else expect(manifest.runs?.['post-if']).toBeUndefined();
  });
});

describe('the repository', () => {
  it('carries the licence package.json names, and a security policy', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(existsSync(path.join(root, 'SECURITY.md'))).toBe(true);
  });

  it('has no two actions with the same name', () => {
    const names = manifests.map(
      (file) => (parse(readFileSync(path.join(root, file), 'utf8')) as { name: string }).name,
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it("links, in its READMEs, only to files it has and to headings they have (GitHub's anchors)", () => {
    const readmes = [
      'README.md',
      'CONTRIBUTING.md',
      'SECURITY.md',
      ...['actions', 'packages'].flatMap((dir) =>
        readdirSync(path.join(root, dir)).map((name) => `${dir}/${name}/README.md`),
      ),
    ].filter((file) => existsSync(path.join(root, file)));
    // Text outside code blocks, where links are links.
    const prose = (file: string) => readFileSync(path.join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
    const slug = (heading: string) =>
      heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-');
    const headings = (file: string) =>
      prose(file)
        .split('\n')
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) => slug(line.replace(/^#+ /, '')));
    const broken = readmes.flatMap((file) =>
      [...prose(file).matchAll(/\]\(([^)\s]+)\)/g)]
        .map((match) => match[1] as string)
        .filter((link) => !/^[a-z]+:/.test(link))
        .filter((link) => {
          const [target, anchor] = link.split('#');
          const linked = target ? path.normalize(path.join(path.dirname(file), target)) : file;
          if (!existsSync(path.join(root, linked))) return true;
          return anchor !== undefined && linked.endsWith('.md') && !headings(linked).includes(anchor);
        })
        .map((link) => `${file}: ${link}`),
    );
    expect(broken).toEqual([]);
  });
});

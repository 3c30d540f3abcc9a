import { inputError, type RunContext } from '@gke-deploy/action-kit';

/** GitFacts are what tag templates can draw from, beyond the run context. */
export interface TagContext {
  run: RunContext;
  /** The repository's default branch: `latest` goes only there unless forced. */
  defaultBranch: string;
  /** The day the tags are computed, as YYYYMMDD (UTC). */
  date: string;
}

export type LatestPolicy = 'auto' | 'true' | 'false';

const TAG_RE = /^[\w][\w.-]{0,127}$/;
const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** TEMPLATE_VARIABLES are the names a tag template may use, as {name}. */
export const TAG_VARIABLES = [
  'sha',
  'sha7',
  'run-number',
  'run-attempt',
  'branch',
  'tag',
  'semver',
  'semver-major',
  'semver-minor',
  'semver-patch',
  'date',
] as const;
type TagVariable = (typeof TAG_VARIABLES)[number];

/** sanitizeTag makes any text a valid tag: invalid characters become '-', it starts with a word character, at most 128 long. */
export function sanitizeTag(text: string): string {
  return text
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
}

function branchOf(run: RunContext): string | undefined {
  if (run.ref.startsWith('refs/heads/')) return run.ref.slice('refs/heads/'.length);
  if (run.ref.startsWith('refs/pull/')) return process.env.GITHUB_HEAD_REF || undefined;
  return undefined;
}

function gitTagOf(run: RunContext): string | undefined {
  return run.ref.startsWith('refs/tags/') ? run.ref.slice('refs/tags/'.length) : undefined;
}

/** variables returns what each template variable stands for here; undefined when it does not apply (e.g. {tag} on a branch). */
function variables(context: TagContext): Record<TagVariable, string | undefined> {
  const { run } = context;
  const tag = gitTagOf(run);
  const semver = tag ? SEMVER.exec(tag) : null;
  const branch = branchOf(run);
  return {
    sha: run.sha || undefined,
    sha7: run.sha ? run.sha.slice(0, 7) : undefined,
    'run-number': run.runNumber || undefined,
    'run-attempt': run.runAttempt || undefined,
    branch: branch ? sanitizeTag(branch) : undefined,
    tag: tag ? sanitizeTag(tag) : undefined,
    semver: semver ? (semver[0] as string).replace(/^v/, '').replace(/\+.*$/, '') : undefined,
    'semver-major': semver?.[1],
    'semver-minor': semver ? `${semver[1]}.${semver[2]}` : undefined,
    'semver-patch': semver ? `${semver[1]}.${semver[2]}.${semver[3]}` : undefined,
    date: context.date,
  };
}

const PLACEHOLDER = /\{([a-z0-9-]+)\}/g;

/**
 * tagTemplatesOf reads the `tags` lines: templates (`v1.0.{run-number}`), or full image references
 * as docker/metadata-action's `tags` output lists them (`ghcr.io/acme/app:main`), taken for their
 * tag: build-push names the repository itself (registry, repository, service, image-name). A
 * reference without a tag is left as written, for checkTagTemplates to refuse.
 */
export function tagTemplatesOf(lines: readonly string[]): string[] {
  return lines.map((line) => {
    const slash = line.lastIndexOf('/');
    const colon = line.lastIndexOf(':');
    return slash >= 0 && colon > slash ? line.slice(colon + 1) : line;
  });
}

/** checkTagTemplates fails on unknown variables and on literal text no tag may contain, before anything is built. */
export function checkTagTemplates(name: string, templates: readonly string[]): void {
  if (templates.length === 0) throw inputError(name, 'must list at least one tag');
  for (const template of templates) {
    for (const match of template.matchAll(PLACEHOLDER)) {
      if (!(TAG_VARIABLES as readonly string[]).includes(match[1] as string)) {
        throw inputError(
          name,
          `uses unknown variable {${match[1]}} in ${JSON.stringify(template)}; known: ${TAG_VARIABLES.map((v) => `{${v}}`).join(', ')}`,
        );
      }
    }
    // Every variable yields [\w.-]; a sample rendering shows whether the literal text is valid.
    const sample = template.replace(PLACEHOLDER, 'x');
    if (!TAG_RE.test(sample)) {
      throw inputError(
        name,
        `has ${JSON.stringify(template)}, which cannot be a tag: letters, digits, '_', '.', '-' only, starting with a letter, digit or '_', at most 128 characters`,
      );
    }
  }
}

export interface RenderedTags {
  tags: string[];
  /** Templates left out, with why: a variable that does not apply to this ref, or `latest` off the default branch. */
  skipped: string[];
}

/** renderTags fills the templates for this run, dropping those that do not apply, and de-duplicating. */
/**
 * releaseVersion is the version people read: the semver of a git tag (`v1.2.3` → `1.2.3`),
 * else the first tag that is not `latest` (`v1.0.57-7c53942`).
 */
export function releaseVersion(context: TagContext, tags: readonly string[]): string {
  return variables(context).semver ?? tags.find((tag) => tag !== 'latest') ?? (tags[0] as string);
}

export function renderTags(templates: readonly string[], context: TagContext, latest: LatestPolicy): RenderedTags {
  const values = variables(context);
  const tags: string[] = [];
  const skipped: string[] = [];
  for (const template of templates) {
    if (template === 'latest') {
      const onDefault = branchOf(context.run) === context.defaultBranch;
      if (latest === 'false' || (latest === 'auto' && !onDefault)) {
        skipped.push(`latest (not on the default branch ${context.defaultBranch})`);
        continue;
      }
    }
    const missing = [...template.matchAll(PLACEHOLDER)]
      .map((m) => m[1] as TagVariable)
      .filter((v) => values[v] === undefined);
    if (missing.length > 0) {
      skipped.push(`${template} ({${missing[0]}} does not apply to ${context.run.ref || 'this ref'})`);
      continue;
    }
    const tag = template.replace(PLACEHOLDER, (_, v: TagVariable) => values[v] as string);
    if (!TAG_RE.test(tag))
      throw inputError(
        'tags',
        `renders ${JSON.stringify(template)} as ${JSON.stringify(tag)}, which is not a valid tag`,
      );
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (latest === 'true' && !templates.includes('latest')) tags.push('latest');
  return { tags, skipped };
}

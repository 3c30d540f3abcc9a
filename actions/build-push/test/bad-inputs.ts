// Bad inputs of build-push, each with the one line the user must see: run in process by
// inputs.test.ts, and through the bundle (a sample) by test/build-push-inputs.test.ts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const workspace = mkdtempSync(path.join(tmpdir(), 'workspace-'));
mkdirSync(path.join(workspace, 'app'));
writeFileSync(path.join(workspace, 'app/Dockerfile'), 'FROM scratch AS web\nFROM scratch AS worker\n');

// Each case: inputs on top of a valid single-image build, and the one line expected. Nothing may be built or pushed.
export const cases: [string, Record<string, string>, string | RegExp][] = [
  ['no registry', { registry: '' }, "Input 'registry' is required."],
  [
    'bad characters in a tag',
    { tags: 'release candidate' },
    /^Input 'tags' has "release candidate", which cannot be a tag/,
  ],
  ['tag starting with a dash', { tags: '-{sha7}' }, /^Input 'tags' has "-\{sha7\}", which cannot be a tag/],
  [
    'unknown template variable',
    { tags: '{commit}' },
    /^Input 'tags' uses unknown variable \{commit\} in "\{commit\}"; known: \{sha\}, /,
  ],
  [
    'no tag applies to this ref',
    { tags: '{tag}\n{semver}' },
    /^Input 'tags' leaves no tag for refs\/heads\/main: \{tag\} \(\{tag\} does not apply/,
  ],
  ['empty tags', { tags: '#' }, "Input 'tags' must list at least one tag."],
  [
    'a metadata-action reference without a tag',
    { tags: 'ghcr.io/acme/app:main\nlocalhost:5000/app' },
    /^Input 'tags' has "localhost:5000\/app", which cannot be a tag/,
  ],
  ['missing context', { context: 'nope' }, 'Input \'context\' names "nope", which does not exist.'],
  [
    'missing Dockerfile',
    { file: 'app/Missing.Dockerfile' },
    'Input \'file\' names "app/Missing.Dockerfile", which does not exist.',
  ],
  [
    'a Dockerfile outside the workspace',
    { file: '/etc/passwd' },
    /^Input 'file' names "\/etc\/passwd", which is outside the workspace \(.*\): give a path in the repository\.$/,
  ],
  [
    'a context outside the workspace',
    { context: '../..' },
    /^Input 'context' names "\.\.\/\.\.", which is outside the workspace \(.*\): give a path in the repository\.$/,
  ],
  [
    'unknown target',
    { target: 'beat' },
    'Input \'target\' is "beat", but Dockerfile has no such stage (stages: web, worker).',
  ],
  [
    'bad platform',
    { platforms: 'linux/amd64,linux/x86' },
    'Input \'platforms\' has "linux/x86", which is not a platform such as linux/amd64 or linux/arm64.',
  ],
  [
    'bad platform in an image',
    { context: '', images: 'web:\n  context: app\n  platforms: [windows]' },
    'Input \'images.web.platforms\' has "windows", which is not a platform such as linux/amd64 or linux/arm64.',
  ],
  ['images not a mapping', { context: '', images: '- web\n- worker' }, "Input 'images' must be a mapping."],
  [
    'images not YAML',
    { context: '', images: 'web: {context: app' },
    /^Input 'images' is not valid YAML or JSON at line 1/,
  ],
  [
    'a secret id twice',
    { secrets: 'pip_token=SECRETONE\npip_token=SECRETTWO' },
    'Input \'secrets\' defines the id "pip_token" twice.',
  ],
  [
    'images alias bomb',
    {
      context: '',
      images:
        'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
    },
    "Input 'images' is not valid YAML or JSON: it expands aliases too many times (an alias bomb).",
  ],
  [
    'images unresolved alias',
    { context: '', images: 'web: *nowhere' },
    /^Input 'images' is not valid YAML or JSON: Unresolved alias/,
  ],
  [
    'unknown field in an image',
    { context: '', images: 'web:\n  dockerfile: app/Dockerfile' },
    "Input 'images.web' has unknown field 'dockerfile'.",
  ],
  [
    'bad image name',
    { context: '', images: 'Web_App:\n  context: app' },
    /^Input 'images' has the image name "Web_App"/,
  ],
  [
    'images and context together',
    { images: 'web:\n  context: app' },
    "Set only one of the inputs 'images' or 'context'; got 'images' and 'context'.",
  ],
  [
    'file with images',
    { context: '', images: 'web:\n  context: app', file: 'app/Dockerfile' },
    "Input 'file' only applies with a single image; with 'images' set it inside each image.",
  ],
  ['bad build-arg', { 'build-args': 'NOVALUE' }, 'Input \'build-args\' must be key=value entries, got "NOVALUE".'],
  ['bad build-arg name', { 'build-args': '1X=2' }, 'Input \'build-args\' has the argument name "1X".'],
  ['bad label', { labels: 'team' }, 'Input \'labels\' must be key=value entries, got "team".'],
  ['unknown builder', { builder: 'kaniko' }, 'Input \'builder\' must be one of auto, docker, buildah; got "kaniko".'],
  ['push not boolean', { push: 'yes' }, 'Input \'push\' must be true or false, got "yes".'],
  [
    'gha cache with buildah',
    { builder: 'buildah', 'cache-from': 'gha' },
    "Input 'cache-from' uses the GitHub Actions cache (gha), which buildah cannot use; give a registry repository.",
  ],
  [
    'bad cache ref',
    { 'cache-to': 'Not A Ref' },
    /^Input 'cache-to' has "Not A Ref": give gha, type=\.\.\. or a registry repository/,
  ],
  [
    'password without username',
    { password: 'SECRETPASSWORD1' },
    "Inputs 'username' and 'password' go together; set both or neither.",
  ],
  ['bad latest policy', { latest: 'always' }, 'Input \'latest\' must be one of auto, true, false; got "always".'],
  ['max-parallel out of range', { 'max-parallel': '0' }, "Input 'max-parallel' must be between 1 and 32, got 0."],
  ['bad service name', { service: 'Auth_Service' }, /^Input 'service' must be a lowercase RFC 1123 label/],
  [
    'unknown image-name variable',
    { 'image-name': '{project}-{image}' },
    "Input 'image-name' uses unknown variable {project}; known: {service}, {image}.",
  ],
  [
    '{service} without service',
    { 'image-name': '{service}-{image}' },
    "Input 'image-name' uses {service} but the 'service' input is not set.",
  ],
  [
    'uppercase repository',
    { repository: 'Acme/Services' },
    /^Input 'registry' and 'repository' give the image "ghcr.io\/Acme\/Services\/app", which has an invalid repository/,
  ],
  [
    'secret-envs naming an unset variable',
    { 'secret-envs': 'npm=NPM_TOKEN_NOT_SET' },
    "Input 'secret-envs' names the environment variable NPM_TOKEN_NOT_SET for npm, but it is not set.",
  ],
  ['bad secret line', { secrets: 'SECRETNOEQUALS' }, "Input 'secrets' must be id=value lines."],
  ['pull not boolean', { pull: 'always' }, 'Input \'pull\' must be true or false, got "always".'],
  ['no-cache not boolean', { 'no-cache': '1' }, 'Input \'no-cache\' must be true or false, got "1".'],
  [
    'insecure-registry not boolean',
    { 'insecure-registry': 'maybe' },
    'Input \'insecure-registry\' must be true or false, got "maybe".',
  ],
  ['max-parallel not a number', { 'max-parallel': 'all' }, 'Input \'max-parallel\' must be a whole number, got "all".'],
  [
    'bad secret id',
    { secrets: 'pip token=SECRETVALUEX' },
    /^Input 'secrets' has the id "pip token"; ids are letters, digits/,
  ],
  [
    'secret in both inputs',
    { secrets: 'tok=SECRETVALUEY', 'secret-envs': 'tok=HOME' },
    "Input 'secret-envs' defines \"tok\", which 'secrets' defines too.",
  ],
  [
    'bad default branch',
    { 'default-branch': 'a..b' },
    "Input 'default-branch' is \"a..b\", which has '..', '@{' or '//'.",
  ],
  ['bad provenance', { provenance: 'maximum' }, /^Input 'provenance' /],
];

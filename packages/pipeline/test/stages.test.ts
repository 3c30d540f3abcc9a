import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationErrors, Inputs } from '@gke-deploy/action-kit';
import { describe, expect, it } from 'vitest';
import { DECLARED_INPUTS as NOTIFY_INPUTS } from '../../../actions/notify/src/declared-inputs.js';
import { getInputs as notifyInputs } from '../../../actions/notify/src/inputs.js';
import { loadConfig } from '../src/load.js';
import { checkEnvironment, planEnvironment, rollbackVerdict } from '../src/run.js';
import { type Cluster, notifyStages, redisStage, rolloutStage } from '../src/stages.js';

const CONFIG = `
service: billing
images:
  web: { image: acme/billing-web:1.4.2 }
environments:
  - name: production
    cluster: projects/acme-prod/locations/us-central1/clusters/prod
    namespace: prod-billing
notifications:
  channels:
    - type: email
      recipients: [platform-team@example.com, oncall@example.com]
      from: Deploy bot <deploy@example.com>
      smtp_host: smtp.example.com
      smtp_username: deploy@example.com
      smtp_password: \${SMTP_PASSWORD}
      events: [deployment_failed, rolled_back]
      environments: [production]
`;

function load(text: string, env: Record<string, string> = { SMTP_PASSWORD: 'SECRETsmtp' }) {
  const workspace = mkdtempSync(path.join(tmpdir(), 'stages-'));
  mkdirSync(path.join(workspace, '.github'));
  writeFileSync(path.join(workspace, '.github/deploy.yml'), text);
  return loadConfig('.github/deploy.yml', { GITHUB_WORKSPACE: workspace, ...env });
}

describe('notification channels from the config file', () => {
  it('sends e-mail through notify, for the events and environments the channel asks for', () => {
    const loaded = load(CONFIG);
    const plan = planEnvironment(loaded, 'production');
    expect(notifyStages(loaded.config, plan, 'deployment_success', {})).toEqual([]);
    const [stage] = notifyStages(loaded.config, plan, 'rolled_back', { message: 'worker crashed' });
    expect(stage?.values).toMatchObject({
      status: 'rolled-back',
      'email-to': 'platform-team@example.com\noncall@example.com',
      'email-from': 'Deploy bot <deploy@example.com>',
      'smtp-host': 'smtp.example.com',
      'smtp-username': 'deploy@example.com',
      'smtp-password': 'SECRETsmtp',
    });
    // What notify reads from it: one e-mail channel, nothing else.
    const config = notifyInputs(new Inputs(NOTIFY_INPUTS, (name) => stage?.values[name] ?? ''));
    expect(config.channels.map((channel) => channel.kind)).toEqual(['email']);
  });

  it.each([
    [
      'an e-mail without recipients',
      CONFIG.replace('      recipients: [platform-team@example.com, oncall@example.com]\n', ''),
      '.github/deploy.yml: notifications.channels[0].recipients is required with type: email.',
    ],
    [
      'a webhook on an e-mail channel',
      CONFIG.replace('      from:', `      webhook: \${HOOK}\n      from:`),
      '.github/deploy.yml: notifications.channels[0].webhook does not apply to type: email.',
    ],
    [
      'a password written into the file',
      CONFIG.replace(`\${SMTP_PASSWORD}`, 'hunter2'),
      `.github/deploy.yml: notifications.channels[0].smtp_password must be \${NAME}, an environment variable of the step that holds the secret, never the secret itself.`,
    ],
  ])('refuses %s, naming the field', (_, text, message) => {
    expect(() => load(text)).toThrow(message);
  });
});

describe('settings that would be accepted and never checked', () => {
  it.each([
    [
      'build settings when every image is prebuilt',
      CONFIG.replace('environments:', "build:\n  tags: ['bad tag!']\n  platforms: [plan9/x]\nenvironments:"),
      '.github/deploy.yml: build applies to the images it builds, and every image is prebuilt (image:).',
    ],
    [
      'a DNS server without a domain',
      CONFIG.replace(
        '    namespace: prod-billing\n',
        "    namespace: prod-billing\n    dns_server: 'not a server:99999'\n",
      ),
      '.github/deploy.yml: environments[0].dns_server only applies with domain (the host it certifies and serves).',
    ],
    [
      'a static IP without a domain',
      CONFIG.replace('    namespace: prod-billing\n', '    namespace: prod-billing\n    static_ip_name: billing-ip\n'),
      '.github/deploy.yml: environments[0].static_ip_name only applies with domain (the host it certifies and serves).',
    ],
    [
      'an approval setting no config file can enforce',
      CONFIG.replace('    namespace: prod-billing\n', '    namespace: prod-billing\n    approval_required: true\n'),
      ".github/deploy.yml: environments[0].approval_required is not enforced by a config file: name the GitHub environment in 'approval' and set its required reviewers there (GitHub holds the job until they approve).",
    ],
    [
      'a list of approvers',
      CONFIG.replace('    namespace: prod-billing\n', '    namespace: prod-billing\n    approvers: [alice]\n'),
      ".github/deploy.yml: environments[0].approvers is not enforced by a config file: name the GitHub environment in 'approval' and set its required reviewers there (GitHub holds the job until they approve).",
    ],
  ])('refuses %s', (_, text, message) => {
    expect(() => load(text)).toThrow(message);
  });
});

/** problemsOf is every mistake a check reports together, one line each. */
function problemsOf(check: () => unknown): readonly string[] {
  try {
    check();
  } catch (error) {
    if (error instanceof ConfigurationErrors) return error.problems;
    if (error instanceof Error) return [error.message];
  }
  return [];
}

describe('a config file with many mistakes', () => {
  it('reports every mistake of its shape in one run, each naming its field', () => {
    const text = CONFIG.replace('service: billing', 'service: Billing_Service')
      .replace('    namespace: prod-billing\n', '    namespace: 42\n    approvers: [alice]\n')
      .replace(
        '      events: [deployment_failed, rolled_back]',
        '      events: [deployment_failed, exploded]\n      colour: red',
      );
    expect(problemsOf(() => load(text))).toEqual([
      ".github/deploy.yml: environments[0].approvers is not enforced by a config file: name the GitHub environment in 'approval' and set its required reviewers there (GitHub holds the job until they approve).",
      ".github/deploy.yml: service must be a service name: lowercase letters, digits and '-'.",
      '.github/deploy.yml: environments[0].namespace must be a string.',
      '.github/deploy.yml: notifications.channels[0].events[1] must be one of "deployment_started", "deployment_success", "deployment_failed", "rolled_back".',
      ".github/deploy.yml: notifications.channels[0] has unknown field 'colour'.",
    ]);
  });

  it('reports every mistake of its meaning and variables in one run', () => {
    const text = CONFIG.replace(
      '    namespace: prod-billing\n',
      `    namespace: prod-billing\n    static_ip_name: billing-ip\n  - name: production\n    cluster: { name: b, kubeconfig: "\${KUBECONFIG_B}" }\n    namespace: prod-billing\n`,
    ).replace('environments:', "build:\n  tags: ['v1']\nenvironments:");
    expect(problemsOf(() => load(text, {}))).toEqual([
      `.github/deploy.yml: environments[1].cluster.kubeconfig uses \${KUBECONFIG_B}, which is not set: pass it to the step with env: KUBECONFIG_B: \${{ secrets.KUBECONFIG_B }} (through the reusable workflow: add the secret KUBECONFIG_B to the repository or its environment).`,
      `.github/deploy.yml: notifications.channels[0].smtp_password uses \${SMTP_PASSWORD}, which is not set: pass it to the step with env: SMTP_PASSWORD: \${{ secrets.SMTP_PASSWORD }} (through the reusable workflow: add the secret SMTP_PASSWORD to the repository or its environment).`,
      '.github/deploy.yml: environments[0].static_ip_name only applies with domain (the host it certifies and serves).',
      '.github/deploy.yml: environments[1].name repeats "production".',
      '.github/deploy.yml: build applies to the images it builds, and every image is prebuilt (image:).',
    ]);
  });

  it("reports every stage's input mistake in one run, once for all clusters", () => {
    const text = CONFIG.replace(
      '    cluster: projects/acme-prod/locations/us-central1/clusters/prod\n',
      '    clusters:\n      - projects/acme-prod/locations/us-central1/clusters/prod\n      - projects/acme-prod/locations/europe-west1/clusters/prod\n    replicas: { beat: 2 }\n',
    ).replace('environments:', 'redis:\n  max_memory: lots\nenvironments:');
    const problems = problemsOf(() => checkEnvironment(load(text), 'production'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^\.github\/deploy\.yml: redis\.max_memory \(deploy-redis's max-memory\) /);
    expect(problems[1]).toMatch(
      /^\.github\/deploy\.yml: environments\[0\]\.replicas \(rollout's replicas\) names "beat"/,
    );
  });
});

describe('a cluster reached by kubeconfig', () => {
  const withKubeconfig = (kubeconfig: string) =>
    CONFIG.replace(
      '    cluster: projects/acme-prod/locations/us-central1/clusters/prod\n',
      `    cluster: { name: staging, kubeconfig: '${kubeconfig}' }\n`,
    );

  it('is refused without that hint when the line is wrong otherwise', () => {
    const text = CONFIG.replace('    namespace: prod-billing\n', `    namespace: \${NS}-\${ENV}: prod\n`);
    expect(problemsOf(() => load(text, { NS: 'billing', ENV: 'prod' }))).toEqual([
      expect.stringMatching(/^\.github\/deploy\.yml: line 8, column \d+, is not valid YAML: [^.]*\.$/),
    ]);
  });

  it('is refused, with the fix, when its variable is left unquoted inside { }', () => {
    expect(problemsOf(() => load(withKubeconfig('x').replace("'x'", `\${KC}`), { KC: '/tmp/kc' }))).toEqual([
      `.github/deploy.yml: line 7, column 44, is not valid YAML: Unexpected flow-map-start at node end. A \${VAR} inside { } or [ ] must be quoted: '\${VAR}'.`,
    ]);
  });

  it('is read before anything runs, and a mistake in it is told at its field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeconfig-'));
    const noContext = path.join(dir, 'no-context');
    writeFileSync(noContext, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    expect(problemsOf(() => checkEnvironment(load(withKubeconfig(path.join(dir, 'missing'))), 'production'))).toEqual([
      ".github/deploy.yml: environments[0].cluster.kubeconfig (rollout's kubeconfig) is neither kubeconfig content (YAML, JSON, or base64 of either) nor the path of an existing file.",
    ]);
    expect(problemsOf(() => checkEnvironment(load(withKubeconfig(noContext)), 'production'))).toEqual([
      ".github/deploy.yml: environments[0].cluster.kubeconfig (rollout's kubeconfig) has no current context.",
    ]);
    const noServer = path.join(dir, 'no-server');
    writeFileSync(
      noServer,
      'apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters: [{name: c, cluster: {server: "https://10.0.0.1"}}]\ncontexts: [{name: c, context: {cluster: elsewhere, user: u}}]\nusers: [{name: u, user: {}}]\n',
    );
    expect(problemsOf(() => checkEnvironment(load(withKubeconfig(noServer)), 'production'))).toEqual([
      '.github/deploy.yml: environments[0].cluster.kubeconfig (rollout\'s kubeconfig): the current context "c" names no cluster with a server.',
    ]);
  });
});

describe('redis persistence', () => {
  it.each([
    ['true', '1Gi'],
    ['false', 'none'],
    ['5Gi', '5Gi'],
  ])('persistence: %s is deploy-redis persistence %s', (value, expected) => {
    const loaded = load(CONFIG.replace('environments:', `redis:\n  persistence: ${value}\nenvironments:`));
    const plan = planEnvironment(loaded, 'production');
    const stage = redisStage(loaded.config, plan, plan.clusters[0] as (typeof plan.clusters)[number], false);
    expect(stage.values.persistence).toBe(expected);
  });
});

describe('clusters of an environment', () => {
  const twoClusters = (second: string) =>
    CONFIG.replace(
      '    cluster: projects/acme-prod/locations/us-central1/clusters/prod\n',
      `    clusters:\n      - projects/acme-prod/locations/us-central1/clusters/prod\n      - ${second}\n`,
    );

  it('go by their name, or location/name where two share a name (their logs and saved state stay apart)', () => {
    const loaded = load(twoClusters('projects/acme-prod/locations/europe-west1/clusters/prod'));
    expect(planEnvironment(loaded, 'production').clusters.map((c) => c.label)).toEqual([
      'us-central1/prod',
      'europe-west1/prod',
    ]);
  });

  it('refuses the same cluster twice', () => {
    expect(() => load(twoClusters('projects/acme-prod/locations/us-central1/clusters/prod'))).toThrow(
      '.github/deploy.yml: environments[0].clusters names a cluster twice.',
    );
  });
});

describe('a rollback across clusters', () => {
  it('is rolled back only when every cluster that took the release went back', () => {
    expect(rollbackVerdict([{ cluster: 'us' }, { cluster: 'eu' }], [])).toEqual({
      status: 'rolled-back',
      lines: ['us: rolled back', 'eu: rolled back'],
    });
  });

  it('names each cluster whose undo failed, and each that never took the release', () => {
    const verdict = rollbackVerdict(
      [
        { cluster: 'us', error: new Error('httproute/users-web changed while this run was deciding\nmore') },
        { cluster: 'eu' },
      ],
      ['asia'],
    );
    expect(verdict).toEqual({
      status: 'failure',
      lines: [
        'us: NOT rolled back (httproute/users-web changed while this run was deciding); it may still serve the new release',
        'eu: rolled back',
        'asia: kept the release before (nothing to undo)',
      ],
    });
  });
});

describe('hooks in the config file', () => {
  const withHooks = (top: string, environment = '') =>
    CONFIG.replace('    namespace: prod-billing\n', `    namespace: prod-billing\n${environment}`).replace(
      'environments:',
      `${top}environments:`,
    );
  const rolloutOf = (text: string) => {
    const loaded = load(text);
    const plan = checkEnvironment(loaded, 'production');
    return rolloutStage(loaded.config, plan, plan.clusters[0] as Cluster, 'web=acme/billing-web:1.4.2', {
      dryRun: false,
    });
  };

  it("gives rollout the service's hooks, or the environment's instead", () => {
    const top = 'hooks:\n  pre_deploy: bin/migrate up\n  verify: bin/smoke --url $(DEPLOY_URL)\n  timeout: 15m\n';
    expect(rolloutOf(withHooks(top)).values).toMatchObject({
      'pre-deploy': 'bin/migrate up',
      verify: 'bin/smoke --url $(DEPLOY_URL)',
      'hook-timeout': '15m',
    });
    const own = rolloutOf(withHooks(top, '    hooks: { pre_deploy: bin/migrate up --prod }\n')).values;
    expect(own['pre-deploy']).toBe('bin/migrate up --prod');
    expect(own.verify).toBeUndefined();
  });

  it('reports a bad hook at its field, before anything runs', () => {
    const text = withHooks('hooks:\n  verify: "bin/smoke \'unclosed"\n  timeout: soon\n');
    expect(problemsOf(() => load(text))).toEqual([
      ".github/deploy.yml: hooks.timeout must be a duration such as '30s', '10m' or '1h'.",
    ]);
    const quoted = withHooks('hooks:\n  verify: "bin/smoke \'unclosed"\n');
    expect(problemsOf(() => checkEnvironment(load(quoted), 'production'))).toEqual([
      expect.stringMatching(/^\.github\/deploy\.yml: hooks\.verify \(rollout's verify\) has an unclosed '/),
    ]);
  });
});

describe('auto_promote in the config file', () => {
  const canary = (extra: string) =>
    CONFIG.replace(
      '    namespace: prod-billing\n',
      `    namespace: prod-billing\n    strategy:\n      type: canary\n      gateway: infra/external\n${extra}      canary: { steps: [{ traffic_percentage: 10 }, { traffic_percentage: 50, duration: 5m }, { traffic_percentage: 100 }] }\n`,
    );
  const rolloutOf = (text: string) => {
    const loaded = load(text);
    const plan = checkEnvironment(loaded, 'production');
    return rolloutStage(loaded.config, plan, plan.clusters[0] as Cluster, 'web=acme/billing-web:1.4.2', {
      dryRun: false,
    }).values;
  };

  it('takes every step in the run by default, pausing only where a step has a duration', () => {
    const values = rolloutOf(canary(''));
    expect(values['auto-promote']).toBe('true');
    expect(JSON.parse(values['canary-steps'] ?? '')).toEqual([
      { weight: 10 },
      { weight: 50, pause: '5m' },
      { weight: 100 },
    ]);
  });

  it('leaves the candidate at its first step for the promote action with auto_promote false', () => {
    expect(rolloutOf(canary('      auto_promote: false\n'))['auto-promote']).toBe('false');
  });
});

describe('analysis in the config file', () => {
  const canary = (analysis: string) =>
    CONFIG.replace(
      '    namespace: prod-billing\n',
      `    namespace: prod-billing\n    strategy:\n      type: canary\n      gateway: infra/external\n      auto_promote: true\n      canary: { steps: [{ traffic_percentage: 10, duration: 5m }, { traffic_percentage: 100 }] }\n      prometheus_project: acme-prod\n      analysis:\n${analysis}`,
    );

  it("gives rollout the strategy's analysis and where its queries go", () => {
    const loaded = load(canary('        - { check: error-rate, max: 1%, interval: 1m, count: 5 }\n'));
    const plan = checkEnvironment(loaded, 'production');
    const stage = rolloutStage(loaded.config, plan, plan.clusters[0] as Cluster, 'web=acme/billing-web:1.4.2', {
      dryRun: false,
    });
    expect(stage.values['prometheus-project']).toBe('acme-prod');
    expect(stage.values.analysis).toBe('- check: error-rate\n  max: 1%\n  interval: 1m\n  count: 5\n');
  });

  it('gives a rolling update its watch window, and refuses one on a canary at its field', () => {
    const rolling = load(
      CONFIG.replace(
        '    namespace: prod-billing\n',
        '    namespace: prod-billing\n    strategy:\n      watch: 30m\n      prometheus_url: http://prometheus.monitoring:9090\n      analysis:\n        - { check: error-rate, max: 1%, interval: 1m }\n',
      ),
    );
    const plan = checkEnvironment(rolling, 'production');
    const stage = rolloutStage(rolling.config, plan, plan.clusters[0] as Cluster, 'web=acme/billing-web:1.4.2', {
      dryRun: false,
    });
    expect(stage.values.watch).toBe('30m');
    const problems = problemsOf(() =>
      checkEnvironment(
        load(
          canary('        - { check: error-rate, max: 1%, interval: 1m }\n').replace(
            '      analysis:',
            '      watch: 30m\n      analysis:',
          ),
        ),
        'production',
      ),
    );
    expect(problems).toEqual([expect.stringMatching(/^\.github\/deploy\.yml: environments\[0\]\.strategy\.watch /)]);
  });

  it('reports a bad check at its field, before anything runs', () => {
    const problems = problemsOf(() =>
      checkEnvironment(load(canary('        - { check: error-rate, max: lots }\n')), 'production'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^\.github\/deploy\.yml: environments\[0\]\.strategy\.analysis .*max must be a share/),
    ]);
  });
});

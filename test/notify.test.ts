import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BundleRun, runBundle } from '@gke-deploy/action-kit/testing';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCertificates,
  json,
  type RecordedRequest,
  startConnectProxy,
  startHttpServer,
  type TestServer,
} from './support/http-server.js';
import { freePort } from './support/ports.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp-server.js';

const SLACK_TOKEN = 'xoxb-1111-2222-tokensecretvalue';
const WEBHOOK_SECRET = 'hmac-key-5c0d1e9f';
const GITHUB_TOKEN = 'ghs_jobtoken0123456789abcdef';
const SMTP_PASSWORD = 'smtp-pass-7f3a9b';

/** One loopback server standing in for Slack (webhook and Web API), Google Chat, Teams, a webhook receiver and GitHub's REST API. */
let peer: TestServer;
const counters = new Map<string, number>();
const bump = (key: string) => {
  const count = (counters.get(key) ?? 0) + 1;
  counters.set(key, count);
  return count;
};
let nextTs = 1732200000;

beforeAll(async () => {
  peer = await startHttpServer((req, res) => {
    const url = new URL(req.url, 'http://peer');
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'slack' && parts[1] === 'services') {
      const behaviour = parts.at(-1) as string;
      if (behaviour.startsWith('ratelimit-once') && bump(behaviour) === 1) {
        res.writeHead(429, { 'retry-after': '1' });
        return void res.end('rate_limited');
      }
      if (behaviour.startsWith('5xx-twice') && bump(behaviour) <= 2) {
        res.statusCode = 503;
        return void res.end('service unavailable');
      }
      if (behaviour === 'ratelimit-hour') {
        res.writeHead(429, { 'retry-after': '3600' });
        return void res.end('rate_limited');
      }
      if (behaviour === 'always500') {
        res.statusCode = 500;
        return void res.end('rollup_error');
      }
      if (behaviour === 'no_service') {
        res.statusCode = 404;
        return void res.end('no_service');
      }
      if (behaviour === 'invalid_payload') {
        res.statusCode = 400;
        return void res.end('invalid_payload');
      }
      return void res.end('ok');
    }
    if (parts[0] === 'slack' && parts[1] === 'api') {
      if (req.headers.authorization !== `Bearer ${SLACK_TOKEN}`)
        return json(res, 200, { ok: false, error: 'invalid_auth' });
      const body = JSON.parse(req.body) as { channel: string; ts?: string };
      if (body.channel === 'C0NOTFOUND') return json(res, 200, { ok: false, error: 'channel_not_found' });
      // A hostile or broken peer: its answer tries to inject workflow commands and outputs.
      if (body.channel === 'C0HOSTILE')
        return json(res, 200, {
          ok: true,
          channel: 'C0DEPLOYS1\n::error::injected channel',
          ts: '1732200000.000100\n::set-output name=sent::injected\n::error::injected',
        });
      if (body.channel === 'C0HOSTILEERR')
        return json(res, 200, { ok: false, error: 'bad\n::error::injected error\n##[error]legacy' });
      // Every other line separator the runner or a Markdown renderer may honour.
      if (body.channel === 'C0HOSTILESEP')
        return json(res, 200, {
          ok: false,
          error: 'x\r\r![pwn](https://evil.example/p.png)\u0085::error::after NEL\u2028::add-mask::everything',
        });
      const ts = parts[2] === 'chat.update' ? body.ts : `${nextTs++}.000100`;
      return json(res, 200, { ok: true, channel: 'C0DEPLOYS1', ts });
    }
    if (parts[0] === 'chat') {
      if (parts[1] === 'fail')
        return json(res, 500, { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } });
      if (parts[1] === 'bad')
        return json(res, 400, {
          error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' },
        });
      return json(res, 200, { name: 'spaces/AAA/messages/BBB' });
    }
    if (parts[0] === 'teams') {
      res.statusCode = 202;
      return void res.end();
    }
    if (parts[0] === 'hook') {
      res.statusCode = 204;
      return void res.end();
    }
    if (parts[0] === 'github') {
      if (req.headers.authorization !== `token ${GITHUB_TOKEN}`) return json(res, 401, { message: 'Bad credentials' });
      if (parts[2] === 'acme' && parts[3] === 'locked')
        return json(res, 403, { message: 'Resource not accessible by integration' });
      if (parts[2] === 'acme' && parts[3] === 'busy') {
        res.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0', 'retry-after': '1' });
        return void res.end(JSON.stringify({ message: 'API rate limit exceeded for installation ID 1.' }));
      }
      if (parts.length === 5 && parts[4] === 'deployments')
        return json(res, 201, { id: 4242, ...JSON.parse(req.body) });
      if (parts[4] === 'deployments' && parts[6] === 'statuses')
        return json(res, 201, { id: 7, ...JSON.parse(req.body) });
    }
    res.statusCode = 404;
    res.end('not found');
  });
});

afterAll(() => peer.close());
beforeEach(() => {
  peer.requests.length = 0;
});

const eventDir = mkdtempSync(path.join(tmpdir(), 'notify-event-'));
const eventPath = path.join(eventDir, 'event.json');
writeFileSync(eventPath, JSON.stringify({ head_commit: { message: 'Fix "login" {redirect} loop\n\nLonger body' } }));

const github = (extra: Record<string, string> = {}) => ({
  GITHUB_REPOSITORY: 'acme/auth',
  GITHUB_SHA: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_ACTOR: 'octocat',
  GITHUB_TRIGGERING_ACTOR: 'octocat',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_EVENT_PATH: eventPath,
  GITHUB_WORKFLOW: 'Deploy',
  GITHUB_JOB: 'deploy',
  GITHUB_RUN_ID: '987654',
  GITHUB_RUN_NUMBER: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: `${peer.url}/github`,
  ...extra,
});

function notify(inputs: Record<string, string>, options: { env?: Record<string, string>; status?: string } = {}) {
  return runBundle('notify', {
    inputs: { service: 'auth', environment: 'prod', ...inputs },
    env: github(options.env),
    expressions: { 'github.token': GITHUB_TOKEN, 'job.status': options.status ?? 'success' },
  });
}

const bodies = (prefix: string): unknown[] =>
  peer.requests.filter((r: RecordedRequest) => r.url.startsWith(prefix)).map((r) => JSON.parse(r.body));

/** everything a run printed or left behind, for secret greps; mask registrations are the one place a secret may appear. */
function allOutput(run: BundleRun): string {
  return [run.printed, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
}

describe('Slack incoming webhook', () => {
  it('posts a Block Kit message with every fact of the deploy', async () => {
    const run = await notify({
      'slack-webhook-url': `${peer.url}/slack/services/T1/B1/okSECRETPART`,
      images: `web=registry.example/acme/auth-web@sha256:${'a'.repeat(64)}\nworker=registry.example/acme/auth-worker:v1.0.42`,
      'revisions-before': '6',
      'revisions-after': '7',
      'environment-url': 'https://api-auth-prod.example.com',
      message: 'Release 1.0.42',
      'started-at': String(Math.floor(Date.now() / 1000) - 125),
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.sent).toBe('true');
    const [message] = bodies('/slack/services') as [
      { text: string; attachments: { color: string; blocks: unknown[] }[] },
    ];
    expect(message.text).toBe('✅ Deploy of auth to prod succeeded');
    expect(message.attachments[0]?.color).toBe('#16a34a');
    const blocks = JSON.stringify(message.attachments[0]?.blocks);
    for (const fact of [
      ':white_check_mark: *Deploy of auth to prod succeeded*',
      'Release 1.0.42',
      '*Environment*\\n<https://api-auth-prod.example.com|prod>',
      '*Commit*\\n<https://github.com/acme/auth/commit/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678|a1b2c3d Fix \\"login\\" {redirect} loop>',
      '*Triggered by*\\noctocat (push)',
      '*Revision*\\n6 → 7',
      '• *worker* `registry.example/acme/auth-worker:v1.0.42`',
      '<https://github.com/acme/auth/actions/runs/987654/attempts/1|View run>',
    ]) {
      expect(blocks).toContain(fact);
    }
    // started-at was 125 s before the step started; the step itself takes a moment.
    expect(blocks).toMatch(/\*Duration\*\\n2m [5-7]s/);
  });

  it('reports Slack error bodies in plain words, as a warning by default and a failure when asked', async () => {
    const warned = await notify({ 'slack-webhook-url': `${peer.url}/slack/services/T1/B1/no_service` });
    expect(warned.exitCode).toBe(0);
    expect(warned.outputs.sent).toBe('false');
    expect(warned.warnings).toEqual([
      'notify: slack-webhook: Slack answered 404: the webhook was removed or disabled: create a new one (no_service) (after 1 attempt)',
    ]);
    const failed = await notify({
      'slack-webhook-url': `${peer.url}/slack/services/T1/B1/invalid_payload`,
      'fail-on-error': 'true',
    });
    expect(failed.exitCode).toBe(1);
    expect(failed.errors).toEqual([
      'notify: could not notify slack-webhook: Slack answered 400: Slack could not read the message (invalid JSON or blocks) (invalid_payload) (after 1 attempt)',
    ]);
  });

  it('retries a 429 after its Retry-After, and 5xx with backoff', async () => {
    const started = Date.now();
    const limited = await notify({ 'slack-webhook-url': `${peer.url}/slack/services/T1/B1/ratelimit-once-a` });
    expect(limited.exitCode).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(JSON.parse(limited.outputs.results as string)).toEqual([
      { channel: 'slack-webhook', ok: true, attempts: 2, detail: 'posted to the incoming webhook' },
    ]);
    expect(limited.stdout).toContain('slack-webhook: attempt 1 failed (HTTP 429); retrying in 1000 ms');

    const flaky = await notify({ 'slack-webhook-url': `${peer.url}/slack/services/T1/B1/5xx-twice-a` });
    expect(JSON.parse(flaky.outputs.results as string)[0]).toMatchObject({ ok: true, attempts: 3 });

    const noRetries = await notify({
      'slack-webhook-url': `${peer.url}/slack/services/T1/B1/5xx-twice-b`,
      retries: '0',
    });
    expect(JSON.parse(noRetries.outputs.results as string)[0]).toMatchObject({ ok: false, attempts: 1 });
  });

  it('does nothing when the status is filtered out by only-on', async () => {
    const run = await notify({
      'slack-webhook-url': `${peer.url}/slack/services/T1/B1/ok`,
      'only-on': 'failure, rolled-back',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.sent).toBe('false');
    expect(peer.requests).toHaveLength(0);
    const failure = await notify(
      {
        'slack-webhook-url': `${peer.url}/slack/services/T1/B1/ok`,
        'only-on': 'failure,rolled-back',
        mention: 'U024BE7LH\nS0614TZR7\nhere',
      },
      { status: 'failure' },
    );
    expect(failure.outputs.sent).toBe('true');
    const [message] = bodies('/slack/services') as [{ text: string }];
    expect(message.text).toBe('❌ Deploy of auth to prod failed <@U024BE7LH> <!subteam^S0614TZR7> <!here>');
  });

  it('mentions nobody when the deploy succeeded', async () => {
    await notify({ 'slack-webhook-url': `${peer.url}/slack/services/T1/B1/ok`, mention: 'U024BE7LH' });
    const [message] = bodies('/slack/services') as [{ text: string }];
    expect(message.text).toBe('✅ Deploy of auth to prod succeeded');
  });

  it('sends a custom payload with safe {{ }} substitution', async () => {
    const payload = [
      'text: "{{ status_emoji }} {{ service }} -> {{ environment }} by {{ actor }}"',
      'blocks:',
      '  - type: section',
      '    text: { type: mrkdwn, text: "{{ commit_message }}" }',
    ].join('\n');
    const run = await notify({ 'slack-webhook-url': `${peer.url}/slack/services/T1/B1/ok`, payload });
    expect(run.exitCode).toBe(0);
    expect(bodies('/slack/services')).toEqual([
      {
        text: ':white_check_mark: auth -> prod by octocat',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Fix "login" {redirect} loop' } }],
      },
    ]);
  });
});

describe('Slack bot token', () => {
  it('posts when the deploy starts, then updates the same message, then replies in its thread', async () => {
    const slack = {
      'slack-token': SLACK_TOKEN,
      'slack-channel': 'C0DEPLOYS1',
      'slack-api-url': `${peer.url}/slack/api/`,
    };
    const started = await notify({ ...slack, status: 'started' });
    expect(started.exitCode).toBe(0);
    const ts = started.outputs['slack-ts'] as string;
    expect(ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(started.outputs['slack-channel-id']).toBe('C0DEPLOYS1');
    expect(started.outputs['slack-thread-ts']).toBe(ts);
    const startedAt = started.outputs['started-at'] as string;
    expect(startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(startedAt) / 1000).toBeCloseTo(Date.now() / 1000, -1);

    const done = await notify({ ...slack, status: 'rolled-back', 'slack-ts': ts });
    expect(done.outputs['slack-ts']).toBe(ts);
    const reply = await notify({ ...slack, message: 'rollback finished', 'slack-thread-ts': ts });
    expect(reply.exitCode).toBe(0);

    const calls = peer.requests.map((r) => [r.url, JSON.parse(r.body)] as [string, Record<string, unknown>]);
    expect(calls.map(([url]) => url)).toEqual([
      '/slack/api/chat.postMessage',
      '/slack/api/chat.update',
      '/slack/api/chat.postMessage',
    ]);
    expect(calls[0]?.[1]).toMatchObject({ channel: 'C0DEPLOYS1', text: '🚀 Deploy of auth to prod started' });
    expect(calls[1]?.[1]).toMatchObject({ channel: 'C0DEPLOYS1', ts, text: '⏪ Deploy of auth to prod rolled back' });
    expect(calls[2]?.[1]).toMatchObject({ thread_ts: ts });
    expect(calls[2]?.[1]).not.toHaveProperty('ts');
  });

  it('explains Web API errors', async () => {
    const run = await notify({
      'slack-token': SLACK_TOKEN,
      'slack-channel': 'C0NOTFOUND',
      'slack-api-url': `${peer.url}/slack/api/`,
    });
    expect(run.warnings).toEqual([
      'notify: slack-api: Slack chat.postMessage failed: the channel does not exist, or the app is not in it (channel_not_found) (after 1 attempt)',
    ]);
  });
});

describe('text from Slack never becomes a workflow command or an unchecked output', () => {
  it.each(['C0HOSTILE', 'C0HOSTILEERR', 'C0HOSTILESEP'])('answer for %s', async (channel) => {
    const run = await notify({
      'slack-token': SLACK_TOKEN,
      'slack-channel': channel,
      'slack-api-url': `${peer.url}/slack/api/`,
    });
    expect(run.exitCode).toBe(0);
    // Slack's words may stand inside a warning (its text is data to the runner), never on a line of their own.
    expect(run.commands.filter((line) => !/^::(warning|add-mask|debug)::/.test(line))).toEqual([]);
    expect(run.errors).toEqual([]);
    expect(run.outputs['slack-ts']).toBeUndefined();
    expect(run.outputs.sent).toBe('false');
    expect(run.summary).not.toMatch(/\n\s*\n/);
    // No bare line break of any kind in the summary: a lone CR would end its HTML block.
    expect(run.summary).not.toMatch(/[\r\u0085\u2028\u2029]/);
  });
});

describe('Google Chat, Teams and webhooks', () => {
  it('posts a cardsV2 card to Google Chat, mentioning users on failure', async () => {
    const run = await notify(
      {
        'google-chat-webhook-url': `${peer.url}/chat/ok?key=AIzaChatKey123&token=chatTokenSecret456`,
        mention: 'users/1234567890',
      },
      { status: 'failure' },
    );
    expect(run.exitCode).toBe(0);
    const [card] = bodies('/chat') as [
      { text: string; cardsV2: { card: { header: { title: string }; sections: unknown[] } }[] },
    ];
    expect(card.text).toBe('<users/1234567890>');
    expect(card.cardsV2[0]?.card.header.title).toBe('❌ Deploy of auth to prod failed');
    expect(JSON.stringify(card.cardsV2[0]?.card.sections)).toContain(
      '{"decoratedText":{"topLabel":"Service","text":"auth","wrapText":true}}',
    );
  });

  it('posts an Adaptive Card to a Teams workflow', async () => {
    const run = await notify({ 'teams-webhook-url': `${peer.url}/teams/workflows/abc?sig=teamsSigSecret789` });
    expect(run.exitCode).toBe(0);
    const [message] = bodies('/teams') as [
      { type: string; attachments: { contentType: string; content: { body: unknown[]; actions: unknown[] } }[] },
    ];
    expect(message.type).toBe('message');
    expect(message.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(message.attachments[0]?.content.body[0]).toMatchObject({
      type: 'TextBlock',
      text: '✅ Deploy of auth to prod succeeded',
      color: 'Good',
    });
    expect(message.attachments[0]?.content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'View run', url: 'https://github.com/acme/auth/actions/runs/987654/attempts/1' },
    ]);
  });

  it('signs the generic webhook body with HMAC-SHA256', async () => {
    const run = await notify({ 'webhook-url': `${peer.url}/hook/deploys`, 'webhook-secret': WEBHOOK_SECRET });
    expect(run.exitCode).toBe(0);
    const [request] = peer.requests;
    const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET)
      .update(request?.body ?? '')
      .digest('hex')}`;
    expect(request?.headers['x-signature-256']).toBe(expected);
    expect(JSON.parse(request?.body ?? '')).toMatchObject({
      event: 'deployment',
      status: 'success',
      service: 'auth',
      environment: 'prod',
      repository: 'acme/auth',
      run_url: 'https://github.com/acme/auth/actions/runs/987654/attempts/1',
    });
  });

  it('keeps channels independent: one failing does not stop the others', async () => {
    const run = await notify({
      'google-chat-webhook-url': `${peer.url}/chat/fail`,
      'slack-webhook-url': `${peer.url}/slack/services/T1/B1/ok`,
      'webhook-url': `${peer.url}/hook/x`,
      retries: '1',
    });
    expect(run.exitCode).toBe(0);
    const results = JSON.parse(run.outputs.results as string) as { channel: string; ok: boolean; attempts: number }[];
    expect(results.map((r) => [r.channel, r.ok, r.attempts])).toEqual([
      ['slack-webhook', true, 1],
      ['google-chat', false, 2],
      ['webhook', true, 1],
    ]);
    expect(run.warnings).toEqual([
      'notify: google-chat: Google Chat answered INTERNAL: Internal error encountered. (after 2 attempts)',
    ]);
    expect(run.summary).toContain('<td>google-chat</td><td>failed</td>');
  });
});

describe('behind a proxy', () => {
  it('reaches webhooks through the proxy of the standard environment', async () => {
    const proxy = await startConnectProxy();
    try {
      const run = await notify({ 'webhook-url': `${peer.url}/hook/deploys` }, { env: { HTTP_PROXY: proxy.url } });
      expect(run.errors).toEqual([]);
      expect(run.outputs.sent).toBe('true');
      expect(peer.requests.map((r) => r.url)).toEqual(['/hook/deploys']);
      expect(proxy.tunnels).toEqual([`127.0.0.1:${peer.port}`]);
    } finally {
      await proxy.close();
    }
  });
});

describe('GitHub Deployments', () => {
  it('creates a deployment with an in_progress status, then marks it successful', async () => {
    const started = await notify(
      { 'github-deployment': 'true', status: 'started', 'environment-url': 'https://api-auth-prod.example.com' },
      {},
    );
    expect(started.exitCode).toBe(0);
    expect(started.outputs['github-deployment-id']).toBe('4242');
    const done = await notify({
      'github-deployment': 'true',
      'deployment-id': '4242',
      'environment-url': 'https://api-auth-prod.example.com',
    });
    expect(done.exitCode).toBe(0);
    const calls = peer.requests.map((r) => [r.method, r.url, JSON.parse(r.body)] as const);
    expect(calls.map(([method, url]) => `${method} ${url}`)).toEqual([
      'POST /github/repos/acme/auth/deployments',
      'POST /github/repos/acme/auth/deployments/4242/statuses',
      'POST /github/repos/acme/auth/deployments/4242/statuses',
    ]);
    expect(calls[0]?.[2]).toMatchObject({
      ref: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      environment: 'prod',
      auto_merge: false,
      required_contexts: [],
    });
    expect(calls[1]?.[2]).toMatchObject({ state: 'in_progress', environment: 'prod' });
    expect(calls[2]?.[2]).toMatchObject({
      state: 'success',
      environment_url: 'https://api-auth-prod.example.com',
      log_url: 'https://github.com/acme/auth/actions/runs/987654/attempts/1',
      auto_inactive: true,
    });
  });

  it('says what permission is missing', async () => {
    const run = await notify({ 'github-deployment': 'true' }, { env: { GITHUB_REPOSITORY: 'acme/locked' } });
    expect(run.warnings[0]).toBe(
      "notify: github-deployment: creating the deployment: GitHub answered 403 (Resource not accessible by integration): the token needs 'deployments: write' permission (after 1 attempt)",
    );
  });
});

describe('a peer that is slow, limited or gone', () => {
  it('does not wait for a Retry-After past the step’s time budget, and says so', async () => {
    const started = Date.now();
    const run = await notify({ 'slack-webhook-url': `${peer.url}/slack/services/T1/B1/ratelimit-hour`, timeout: '2s' });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.exitCode).toBe(0);
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0]).toMatch(
      /^notify: slack-webhook: the server answered HTTP 429 and asked to retry after 3600 s \(Retry-After\), more than the \d+ s this step has left: not retried \(after 1 attempt\)$/,
    );
  });

  it('tells a rate limit from a missing permission, and counts attempts, not API calls', async () => {
    const limited = await notify(
      { 'github-deployment': 'true', retries: '1' },
      { env: { GITHUB_REPOSITORY: 'acme/busy' } },
    );
    expect(limited.warnings).toEqual([
      "notify: github-deployment: creating the deployment: GitHub's API rate limit is used up (403: API rate limit exceeded for installation ID 1.) (after 2 attempts)",
    ]);
    const delivered = await notify({ 'github-deployment': 'true' });
    expect(JSON.parse(delivered.outputs.results as string)[0]).toMatchObject({ ok: true, attempts: 1 });
  });

  it('says GitHub could not be reached, not that it answered', async () => {
    const run = await notify(
      { 'github-deployment': 'true', retries: '0' },
      { env: { GITHUB_API_URL: `http://127.0.0.1:${await freePort()}/github` } },
    );
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0]).toMatch(
      /^notify: github-deployment: creating the deployment: could not reach GitHub \(.*ECONNREFUSED.*\) \(after 1 attempt\)$/,
    );
  });

  it('says a webhook that never answered once, with the count once', async () => {
    const run = await notify({ 'webhook-url': `http://127.0.0.1:${await freePort()}/hook`, retries: '1' });
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0]).toMatch(/^notify: webhook: no answer: .*ECONNREFUSED.* \(after 2 attempts\)$/);
  });
});

describe('e-mail over SMTP', () => {
  const certs = createCertificates();
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ certs, users: { deploy: SMTP_PASSWORD }, transientFailures: 1 });
  });
  afterAll(() => smtp.close());

  it('sends through STARTTLS with authentication, retrying a temporary refusal', async () => {
    const run = await notify({
      'smtp-host': '127.0.0.1',
      'smtp-port': String(smtp.port),
      'smtp-username': 'deploy',
      'smtp-password': SMTP_PASSWORD,
      'smtp-ca': certs.caCert,
      'email-from': 'Deploy bot <deploy@example.com>',
      'email-to': 'oncall@example.com, team@example.com',
    });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.results as string)[0]).toMatchObject({ channel: 'email', ok: true, attempts: 2 });
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.secure).toBe(true);
    expect(mail?.user).toBe('deploy');
    expect(mail?.to).toEqual(['oncall@example.com', 'team@example.com']);
    expect(mail?.raw).toContain('Subject: [prod] Deploy of auth to prod succeeded');
    expect(mail?.raw).toContain('Service: auth');
  });

  it('explains a refused password without printing it', async () => {
    const run = await notify({
      'smtp-host': '127.0.0.1',
      'smtp-port': String(smtp.port),
      'smtp-username': 'deploy',
      'smtp-password': 'wrong-password-123',
      'smtp-ca': certs.caCert,
      'email-from': 'deploy@example.com',
      'email-to': 'oncall@example.com',
    });
    expect(run.warnings).toEqual([
      'notify: email: the SMTP server refused the username or password (535) (after 1 attempt)',
    ]);
    expect(allOutput(run)).not.toContain('wrong-password-123');
  });
});

describe('e-mail to a server without STARTTLS', () => {
  it('says STARTTLS is missing and what to set instead', async () => {
    const server = new SMTPServer({ disabledCommands: ['STARTTLS'], authOptional: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const run = await notify({
        'smtp-host': '127.0.0.1',
        'smtp-port': String((server.server.address() as AddressInfo).port),
        'email-from': 'deploy@example.com',
        'email-to': 'oncall@example.com',
      });
      expect(run.warnings).toEqual([
        'notify: email: the SMTP server does not offer STARTTLS (it said: 500 Error: command not recognized): set smtp-security to tls if it speaks TLS from the start (port 465), or to none on a trusted network only (after 1 attempt)',
      ]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('secrets', () => {
  it('never prints a webhook URL, token, signing key or password, even when every channel fails', async () => {
    const secrets = {
      'slack-webhook-url': `${peer.url}/slack/services/T1/B1/no_service`,
      'slack-token': SLACK_TOKEN,
      'slack-channel': 'C0NOTFOUND',
      'slack-api-url': `${peer.url}/slack/api/`,
      'google-chat-webhook-url': `${peer.url}/chat/bad?key=AIzaSecretKeyValue&token=chatTokenSecretValue`,
      'webhook-url': 'http://127.0.0.1:9/hook/secretWebhookPath',
      'webhook-secret': WEBHOOK_SECRET,
      'github-deployment': 'true',
      'smtp-host': '127.0.0.1',
      'smtp-port': '9',
      'smtp-username': 'deploy',
      'smtp-password': SMTP_PASSWORD,
      'email-from': 'deploy@example.com',
      'email-to': 'oncall@example.com',
      retries: '0',
    };
    const run = await notify(secrets, { env: { GITHUB_REPOSITORY: 'acme/locked' } });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.results as string).every((r: { ok: boolean }) => !r.ok)).toBe(true);
    const output = allOutput(run);
    for (const secret of [
      SLACK_TOKEN,
      WEBHOOK_SECRET,
      GITHUB_TOKEN,
      SMTP_PASSWORD,
      'AIzaSecretKeyValue',
      'chatTokenSecretValue',
      'secretWebhookPath',
      '/slack/services/T1/B1/no_service',
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(run.stdout).toContain(`::add-mask::${SLACK_TOKEN}`);
  });
});

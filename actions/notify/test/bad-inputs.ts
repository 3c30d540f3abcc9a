// Bad inputs of notify, each with the one line the user must see: run in process by
// inputs.test.ts, and through the bundle (a sample) by test/notify-inputs.test.ts.
const smtp = { 'smtp-host': '127.0.0.1', 'email-from': 'deploy@example.com', 'email-to': 'oncall@example.com' };

// Each case: inputs added to a working Slack webhook (unless the case replaces it), and the one line expected.
export const cases: [string, Record<string, string>, string | RegExp][] = [
  ['no channel at all', { 'slack-webhook-url': '' }, /^Set at least one channel: 'slack-webhook-url', 'slack-token'/],
  [
    'unknown status',
    { status: 'done' },
    'Input \'status\' must be one of started, success, failure, cancelled, rolled-back; got "done".',
  ],
  ['empty status', { status: '' }, "Input 'status' is required."],
  [
    'unknown only-on status',
    { 'only-on': 'failure, broken' },
    'Input \'only-on\' must be one of started, success, failure, cancelled, rolled-back; got "broken".',
  ],
  [
    'Slack webhook that is not a URL',
    { 'slack-webhook-url': 'hooks.slack.com/services/T1/B1/SECRETBADURL' },
    "Input 'slack-webhook-url' must be an absolute URL, got (value hidden: it is a secret).",
  ],
  [
    'Slack webhook over http to a remote host',
    { 'slack-webhook-url': 'http://hooks.slack.com/services/T1/B1/SECRETBADURL' },
    "Input 'slack-webhook-url' must use https (http is accepted for loopback addresses only).",
  ],
  [
    'Slack webhook with another scheme',
    { 'slack-webhook-url': 'ftp://hooks.slack.com/SECRETBADURL' },
    "Input 'slack-webhook-url' must use https, got ftp.",
  ],
  [
    'malformed Slack token',
    { 'slack-token': 'not-a-token-SECRETBADTOKEN', 'slack-channel': 'C0123456789' },
    "Input 'slack-token' must be a Slack bot or user token (xoxb-…, xoxp-…).",
  ],
  [
    'bot token without channel',
    { 'slack-token': 'xoxb-1-2-SECRETGOODTOKEN' },
    "Input 'slack-token' requires 'slack-channel': a channel ID such as C0123456789, or #name.",
  ],
  [
    'bad channel',
    { 'slack-token': 'xoxb-1-2-SECRETGOODTOKEN', 'slack-channel': 'deploys' },
    'Input \'slack-channel\' must be a channel ID (C0123456789) or #name; got "deploys".',
  ],
  [
    'bad slack-ts',
    { 'slack-token': 'xoxb-1-2-SECRETGOODTOKEN', 'slack-channel': '#deploys', 'slack-ts': '17322' },
    'Input \'slack-ts\' must be a message timestamp such as 1732200000.123456; got "17322".',
  ],
  [
    'slack-ts without token',
    { 'slack-ts': '1732200000.123456' },
    "Input 'slack-ts' requires 'slack-token': a bot token.",
  ],
  [
    'bad slack-thread-ts',
    { 'slack-token': 'xoxb-1-2-SECRETGOODTOKEN', 'slack-channel': '#deploys', 'slack-thread-ts': 'abc' },
    /^Input 'slack-thread-ts' must be a message timestamp/,
  ],
  [
    'bad Google Chat URL',
    { 'google-chat-webhook-url': 'chat.googleapis.com/v1/spaces/X?key=SECRETCHATKEY' },
    "Input 'google-chat-webhook-url' must be an absolute URL, got (value hidden: it is a secret).",
  ],
  [
    'bad Teams URL',
    { 'teams-webhook-url': 'http://prod.westeurope.logic.azure.com/workflows/SECRETTEAMS' },
    "Input 'teams-webhook-url' must use https (http is accepted for loopback addresses only).",
  ],
  [
    'webhook secret without webhook',
    { 'webhook-secret': 'SECRETHMACKEY' },
    "Input 'webhook-secret' requires 'webhook-url'.",
  ],
  [
    'bad signature header',
    { 'webhook-url': 'http://127.0.0.1:9/hook', 'webhook-signature-header': 'X Sig' },
    'Input \'webhook-signature-header\' must be an HTTP header name; got "X Sig".',
  ],
  [
    'github-deployment not boolean',
    { 'github-deployment': 'yes' },
    'Input \'github-deployment\' must be true or false, got "yes".',
  ],
  [
    'github-deployment without token',
    { 'github-deployment': 'true', 'github-token': '' },
    "Input 'github-deployment' requires 'github-token': the default is the job's token.",
  ],
  [
    'github-deployment without environment',
    { 'github-deployment': 'true', environment: '' },
    "Input 'github-deployment' requires 'environment': a GitHub Deployment belongs to an environment.",
  ],
  [
    'deployment-id without github-deployment',
    { 'deployment-id': '12' },
    "Input 'deployment-id' requires 'github-deployment'.",
  ],
  [
    'deployment-id not a number',
    { 'github-deployment': 'true', 'deployment-id': 'abc' },
    'Input \'deployment-id\' must be a whole number, got "abc".',
  ],
  [
    'bad environment-url',
    { 'environment-url': 'api.example.com' },
    'Input \'environment-url\' must be an absolute URL, got "api.example.com".',
  ],
  [
    'bad image reference',
    { images: 'web=Registry.Example/App:v1' },
    /^Input 'images' is not a valid image reference: "Registry.Example\/App:v1"/,
  ],
  [
    'image without name',
    { images: `=gcr.io/p/app@sha256:${'a'.repeat(64)}` },
    /^Input 'images' has an entry without a name before '='/,
  ],
  [
    'revision not a number',
    { 'revisions-before': 'six' },
    /^Input 'revisions-before' must be a revision number or `deployment=revision` lines/,
  ],
  [
    'revision map with a word',
    { 'revisions-after': 'auth-web=1\nauth-worker=latest' },
    /^Input 'revisions-after' must be a revision number or `deployment=revision` lines \(rollout's revisions-after output\); got "auth-worker=latest"\.$/,
  ],
  [
    'revisions of two shapes',
    { 'revisions-before': '6', 'revisions-after': 'auth-web=7' },
    "Input 'revisions-before' and 'revisions-after' must both be single revisions or both `deployment=revision` lines.",
  ],
  ['images JSON cut short', { images: '{"web": {"ref": ' }, "Input 'images' starts with { but is not valid JSON."],
  ['bad mention', { mention: '@alice' }, /^Input 'mention' has "@alice"; use Slack member IDs/],
  [
    'started-at in the future',
    { 'started-at': '2999-01-01T00:00:00Z' },
    /^Input 'started-at' must be when this deploy started/,
  ],
  ['started-at not a time', { 'started-at': 'yesterday' }, /^Input 'started-at' must be when this deploy started/],
  ['started-at negative', { 'started-at': '-5' }, /^Input 'started-at' must be when this deploy started/],
  ['started-at zero', { 'started-at': '0' }, /^Input 'started-at' must be when this deploy started/],
  ['started-at a year', { 'started-at': '2024' }, /^Input 'started-at' must be when this deploy started/],
  ['started-at long ago', { 'started-at': '1000000000' }, /^Input 'started-at' must be when this deploy started/],
  ['payload not YAML', { payload: 'text: [unclosed' }, /^Input 'payload' is not valid YAML or JSON at line 1/],
  [
    'payload alias bomb',
    {
      payload:
        'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
    },
    "Input 'payload' is not valid YAML or JSON: it expands aliases too many times (an alias bomb).",
  ],
  [
    'payload unresolved alias',
    { payload: 'text: *nowhere' },
    /^Input 'payload' is not valid YAML or JSON: Unresolved alias/,
  ],
  ['payload a list', { payload: '- a\n- b' }, "Input 'payload' must be a YAML or JSON mapping (an object)."],
  [
    'payload with unknown variable',
    { payload: 'text: "{{ service }} {{ secret_sauce }}"' },
    /^Input 'payload' uses unknown template variable \{\{ secret_sauce \}\}; known: status, /,
  ],
  ['retries out of range', { retries: '11' }, "Input 'retries' must be between 0 and 10, got 11."],
  ['bad timeout', { timeout: 'soon' }, /^Input 'timeout' must be a duration such as 30s/],
  [
    'fail-on-error not boolean',
    { 'fail-on-error': 'maybe' },
    'Input \'fail-on-error\' must be true or false, got "maybe".',
  ],
  ['SMTP without recipients', { ...smtp, 'email-to': '' }, "Input 'smtp-host' requires 'email-to'."],
  [
    'SMTP with a bad recipient',
    { ...smtp, 'email-to': 'oncall@example.com, nobody' },
    'Input \'email-to\' has "nobody", which is not an e-mail address.',
  ],
  ['SMTP without sender', { ...smtp, 'email-from': '' }, "Input 'smtp-host' requires 'email-from'."],
  [
    'SMTP port out of range',
    { ...smtp, 'smtp-port': '70000' },
    "Input 'smtp-port' must be between 1 and 65535, got 70000.",
  ],
  [
    'unknown SMTP security',
    { ...smtp, 'smtp-security': 'ssl' },
    'Input \'smtp-security\' must be one of starttls, tls, none; got "ssl".',
  ],
  [
    'SMTP user without password',
    { ...smtp, 'smtp-username': 'deploy' },
    "Inputs 'smtp-username' and 'smtp-password' go together; set both or neither.",
  ],
  ['recipients without SMTP host', { 'email-to': 'oncall@example.com' }, "Input 'email-to' requires 'smtp-host'."],
  [
    'Slack API over plain http to another host',
    {
      'slack-token': 'xoxb-SECRETTOKEN',
      'slack-channel': 'C0123456789',
      'slack-api-url': 'http://slack.example.com/api/',
    },
    "Input 'slack-api-url' must use https (http is accepted for loopback addresses only).",
  ],
];

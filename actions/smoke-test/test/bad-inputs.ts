// Bad inputs of smoke-test, each with the one line the user must see: run in process by
// inputs.test.ts, and through the bundle (a sample) by test/smoke-test-inputs.test.ts.
const check = (fields: Record<string, unknown>) => JSON.stringify([{ name: 'c', path: '/x', ...fields }]);

// Each case: inputs (a working `url` is added unless the case sets `url` or `checks`), and the one line expected.
export const cases: [string, Record<string, string>, string | RegExp][] = [
  ['neither url nor checks', { url: '' }, "Set one of the inputs 'url' or 'checks'."],
  [
    'both url and checks',
    { checks: check({}) },
    "Set only one of the inputs 'url' or 'checks'; got 'url' and 'checks'.",
  ],
  [
    'connect-to without an address',
    { 'connect-to': 'api.example.com' },
    'Input \'connect-to\' must be key=value entries, got "api.example.com".',
  ],
  [
    'connect-to with a URL',
    { 'connect-to': 'api.example.com=https://34.120.0.40' },
    'Input \'connect-to\' must be host=address[:port] lines (api.example.com=34.120.0.40); got "api.example.com=https://34.120.0.40".',
  ],
  [
    'connect-to port out of range',
    { 'connect-to': 'api.example.com=127.0.0.1:70000' },
    /^Input 'connect-to' must be host=address\[:port\] lines/,
  ],
  ['relative url', { url: '/health' }, 'Input \'url\' must be an absolute URL, got "/health".'],
  ['ftp url', { url: 'ftp://example.com/x' }, 'Input \'url\' must use https or http, got "ftp://example.com/x".'],
  [
    'unknown method',
    { method: 'FETCH' },
    'Input \'method\' must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS; got "FETCH".',
  ],
  [
    'status out of range',
    { 'expect-status': '700' },
    /^Input 'expect-status' must be status codes such as 200, 2xx or 200-299; got "700"\.$/,
  ],
  ['status words', { 'expect-status': 'ok' }, /^Input 'expect-status' must be status codes/],
  ['inverted status range', { 'expect-status': '299-200' }, /^Input 'expect-status' must be status codes/],
  [
    'bad regex',
    { 'expect-body-matches': '/(unclosed/' },
    /^Input 'expect-body-matches' is not a valid regular expression: /,
  ],
  [
    'json assertion without operator',
    { 'expect-json': 'status ready' },
    /^Input 'expect-json' must be an assertion such as/,
  ],
  [
    'json comparison with a string',
    { 'expect-json': 'count > many' },
    /^Input 'expect-json' compares with '>' so needs a number; got "many"\.$/,
  ],
  ['json in without a list', { 'expect-json': 'status in ready' }, /^Input 'expect-json' needs a JSON list after 'in'/],
  [
    'json assertion without value',
    { 'expect-json': 'status ==' },
    /^Input 'expect-json' (has no value after '=='|must be an assertion)/,
  ],
  ['bad header expectation', { 'expect-header': 'Bad Header: x' }, /^Input 'expect-header' must be 'Header-Name'/],
  ['bad request header', { headers: 'Authorization Bearer x' }, /^Input 'headers' must be 'Name: value' lines/],
  [
    'header written with = (its value is not repeated)',
    { headers: 'X-Api-Key=SECRETKEYVALUE' },
    "Input 'headers' must be 'Name: value' lines; the line starting \"X-Api-Key\" is not.",
  ],
  ['bad timeout', { timeout: 'ten seconds' }, /^Input 'timeout' must be a duration such as 30s/],
  ['zero timeout', { timeout: '0' }, "Input 'timeout' must be between 1ms and 1h, got 0."],
  ['bad max-latency', { 'max-latency': '5 ms' }, /^Input 'max-latency' must be a duration/],
  ['negative retries', { retries: '-1' }, "Input 'retries' must be between 0 and 1000, got -1."],
  ['fractional retries', { retries: '1.5' }, 'Input \'retries\' must be a whole number, got "1.5".'],
  ['bad retry-until', { 'retry-until': 'forever' }, /^Input 'retry-until' must be a duration/],
  [
    'zero success-threshold',
    { 'success-threshold': '0' },
    "Input 'success-threshold' must be between 1 and 100, got 0.",
  ],
  ['too much concurrency', { concurrency: '1000' }, "Input 'concurrency' must be between 1 and 100, got 1000."],
  ['non-boolean fail-fast', { 'fail-fast': 'yes' }, 'Input \'fail-fast\' must be true or false, got "yes".'],
  ['non-boolean insecure', { insecure: '1' }, 'Input \'insecure\' must be true or false, got "1".'],
  [
    'insecure with ca',
    { insecure: 'true', ca: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----' },
    "Input 'insecure' conflicts with 'ca': a CA to trust and no verification at all contradict each other.",
  ],
  [
    'unreadable ca',
    { ca: '/nonexistent/ca.pem' },
    /^Input 'ca' must be PEM certificates or the path of a file holding them/,
  ],
  ['checks not YAML', { url: '', checks: '- name: [oops' }, /^Input 'checks' is not valid YAML or JSON at line 1/],
  [
    'checks alias bomb',
    {
      url: '',
      checks:
        'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
    },
    "Input 'checks' is not valid YAML or JSON: it expands aliases too many times (an alias bomb).",
  ],
  [
    'checks unresolved alias',
    { url: '', checks: '- *nowhere' },
    /^Input 'checks' is not valid YAML or JSON: Unresolved alias/,
  ],
  ['checks not a list', { url: '', checks: 'name: x' }, "Input 'checks' must be a list."],
  ['empty checks', { url: '', checks: '[]' }, "Input 'checks' must have at least 1 item."],
  [
    'check with a typo',
    { url: '', checks: check({ expect_status: 200 }) },
    "Input 'checks[0]' has unknown field 'expect_status'.",
  ],
  [
    'check with path but no base-url',
    { url: '', checks: check({}) },
    "Input 'checks[0].path' needs the 'base-url' input.",
  ],
  [
    'check with url and path',
    { url: '', checks: JSON.stringify([{ url: 'http://127.0.0.1/a', path: '/b' }]) },
    "Input 'checks[0]' must set exactly one of 'url' or 'path'.",
  ],
  [
    'check with a wrong type',
    { url: '', 'base-url': 'http://127.0.0.1', checks: check({ retries: 'many' }) },
    "Input 'checks[0].retries' must be a number.",
  ],
  [
    'check with a bad status',
    { url: '', 'base-url': 'http://127.0.0.1', checks: check({ 'expect-status': '2xy' }) },
    /^Input 'checks\[0\]\.expect-status' must be status codes/,
  ],
  [
    'check with a bad timeout',
    { url: '', 'base-url': 'http://127.0.0.1', checks: check({ timeout: '1 minute' }) },
    /^Input 'checks\[0\]\.timeout' must be a duration/,
  ],
  [
    'duplicate check names',
    {
      url: '',
      'base-url': 'http://127.0.0.1',
      checks: JSON.stringify([
        { name: 'a', path: '/1' },
        { name: 'a', path: '/2' },
      ]),
    },
    'Input \'checks\' has two checks named "a"; names must be unique.',
  ],
  [
    'body and json together',
    { url: '', 'base-url': 'http://127.0.0.1', checks: check({ body: 'x', json: { a: 1 } }) },
    "Input 'checks[0]' sets both 'body' and 'json'; set only one.",
  ],
  ['base-url with url', { 'base-url': 'http://127.0.0.1' }, "Input 'base-url' only applies with 'checks'."],
];

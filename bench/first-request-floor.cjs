// The least a step on Node can do before its first API request, run by rollout.bench.mjs beside
// the action and kubectl: Node's own start, its HTTPS client, one TLS handshake and one request.
// The cluster's address, CA and token come ready in the environment (FLOOR_SERVER, FLOOR_CA,
// FLOOR_TOKEN): no file, no YAML, no inputs, no other module.
const { request } = require('node:https');

const sent = request(
  new URL('/api/v1/namespaces/bench', process.env.FLOOR_SERVER),
  { ca: process.env.FLOOR_CA, headers: { authorization: `Bearer ${process.env.FLOOR_TOKEN}` } },
  (answer) => {
    answer.resume();
    answer.on('end', () => process.exit(answer.statusCode === 200 ? 0 : 1));
  },
);
sent.on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
sent.end();

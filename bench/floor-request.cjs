// The least a step on Node can do to send one API request, run by the benchmarks beside the
// action and kubectl: Node's own start, its HTTP or HTTPS client (as FLOOR_URL says), the
// handshakes and one request, its answer read. Everything comes ready in the environment:
// FLOOR_URL, FLOOR_METHOD (GET), FLOOR_BODY and FLOOR_CONTENT_TYPE, FLOOR_CA and FLOOR_TOKEN
// for a cluster that asks for them. No file, no YAML, no inputs, no other module.
const url = new URL(process.env.FLOOR_URL);
const { request } = require(url.protocol === 'https:' ? 'node:https' : 'node:http');

const headers = {};
if (process.env.FLOOR_TOKEN) headers.authorization = `Bearer ${process.env.FLOOR_TOKEN}`;
if (process.env.FLOOR_CONTENT_TYPE) headers['content-type'] = process.env.FLOOR_CONTENT_TYPE;
const sent = request(
  url,
  { method: process.env.FLOOR_METHOD ?? 'GET', ca: process.env.FLOOR_CA, headers },
  (answer) => {
    answer.resume();
    answer.on('end', () => {
      if (answer.statusCode >= 300) console.error(`${url.pathname}: ${answer.statusCode}`);
      process.exit(answer.statusCode < 300 ? 0 : 1);
    });
  },
);
sent.on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
sent.end(process.env.FLOOR_BODY);

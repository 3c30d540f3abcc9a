import { existsSync, statSync } from 'node:fs';
import { type ClientRequestArgs, Agent as HttpAgent, type RequestOptions } from 'node:http';
import { type AgentOptions, Agent as HttpsAgent } from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createSecureContext } from 'node:tls';
import { ConfigurationError, maskSecret, maskUrlCredentials, readInputFile } from '@gke-deploy/action-kit';
import { type Cluster, KubeConfig } from '@kubernetes/client-node';
import type { ConnectionInputs } from './connection-inputs.js';
import { StepDeadline, withDeadline } from './deadline.js';
import { loadSocksProxy } from './socks.js';

/** A kubeconfig's top-level key at a line's start: looked for behind the key, so blank lines are read once. */
const YAML_KUBECONFIG =
  /(?:apiVersion|clusters|current-context|users|contexts)(?<=(?:^|\n)\s*(?:apiVersion|clusters|current-context|users|contexts))\s*:/;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;
/** Fields whose values are credentials, in a kubeconfig's YAML or JSON form. */
const CREDENTIAL_FIELD =
  /["']?(token|password|client-key-data|client-certificate-data|id-token|refresh-token|access-token|client-secret)["']?\s*:\s*["']?([^"'\s,}]+)/g;

/**
 * A URL in the text (a cluster's `server`, a proxy) that may carry a password or a credential in
 * its query: the first group, from the first letter of a scheme-like run to the next space, quote,
 * comma or brace. A match starts only where such a run starts (the lookbehind), so a long token
 * is scanned once, not once from each of its letters (quadratic: minutes for a 1 MiB kubeconfig).
 */
const URL_IN_TEXT = /(?<![a-z0-9+.-])[0-9+.-]*([a-z][a-z0-9+.-]*:\/\/[^\s"',}]+)/gi;

/** maskCredentialFields masks credential values by their field names, and credentials in URLs, before the text is parsed. */
function maskCredentialFields(text: string): void {
  for (const match of text.matchAll(CREDENTIAL_FIELD)) if ((match[2] ?? '').length >= 4) maskSecret(match[2]);
  for (const [, found] of text.matchAll(URL_IN_TEXT)) maskUrlText(found);
}

/** maskUrlText masks the password and query credentials of a URL, if it parses as one. */
function maskUrlText(text: string | undefined): void {
  if (!text) return;
  try {
    maskUrlCredentials(new URL(text));
  } catch {
    // Not a URL: nothing in it to mask.
  }
}

/** A flag of an exec plugin whose value is a credential: `--client-secret X`, `--token=X`. */
const secretFlag = (flag: string): boolean =>
  /^--?[\w.-]*$/.test(flag) && /secret|token|passw|key|credential/i.test(flag);

/** maskExecArgs masks the values of an exec plugin's credential flags (its stderr may echo its arguments). */
function maskExecArgs(args: readonly string[]): void {
  args.forEach((arg, index) => {
    const at = arg.indexOf('=');
    if (arg.startsWith('-') && at > 0 && secretFlag(arg.slice(0, at))) maskSecret(arg.slice(at + 1));
    else if (secretFlag(arg)) maskSecret(args[index + 1]);
  });
}

/**
 * kubeconfigContent tells kubeconfig content (YAML, JSON, or either in base64, as secrets are
 * often stored) from a path, and masks its credentials before anything else can print them.
 * undefined means the value is a path.
 */
export function kubeconfigContent(value: string): string | undefined {
  const text = value.trim();
  if (YAML_KUBECONFIG.test(text) || text.startsWith('{')) {
    maskCredentialFields(text);
    return text;
  }
  if (text.length >= 64 && BASE64.test(text)) {
    maskSecret(text);
    const decoded = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8').trim();
    if (YAML_KUBECONFIG.test(decoded) || decoded.startsWith('{')) {
      maskCredentialFields(decoded);
      return decoded;
    }
  }
  return undefined;
}

/** maskCredentials masks every credential a kubeconfig holds before anything can print it. */
function maskCredentials(kc: KubeConfig): void {
  for (const user of kc.getUsers()) {
    maskSecret(user.token);
    maskSecret(user.password);
    maskSecret(user.keyData);
    maskSecret(user.certData);
    for (const [key, value] of Object.entries(user.authProvider?.config ?? {}))
      if (/token|secret|password/i.test(key) && typeof value === 'string') maskSecret(value);
    for (const variable of (user.exec?.env ?? []) as { value?: string }[]) maskSecret(variable.value);
    maskExecArgs((user.exec?.args ?? []) as string[]);
  }
  for (const cluster of kc.getClusters()) {
    maskUrlText(cluster.server);
    maskUrlText(cluster.proxyUrl);
  }
}

export interface KubeconfigSource {
  /** The `kubeconfig` input: content or a path. */
  kubeconfig?: string;
  /** The KUBECONFIG environment variable (as left by google-github-actions/get-gke-credentials). */
  env?: string;
}

/**
 * loadKubeConfig reads the cluster connection from the `kubeconfig` input (content or path) or,
 * failing that, from KUBECONFIG. Credentials are masked at once; a problem is a one-line
 * ConfigurationError naming where the configuration came from.
 */
export function loadKubeConfig(source: KubeconfigSource): KubeConfig {
  const kc = new KubeConfig();
  let origin: string;
  if (source.kubeconfig) {
    origin = "Input 'kubeconfig'";
    // Its credentials are masked as it is recognised; masking the whole text line by line would
    // hide harmless lines such as `apiVersion: v1` everywhere in the log.
    const content = kubeconfigContent(source.kubeconfig) ?? readKubeconfigPath(source.kubeconfig);
    load(() => kc.loadFromString(content), origin);
  } else if (source.env) {
    origin = 'KUBECONFIG';
    const files = source.env.split(':').filter(Boolean);
    for (const file of files) checkPath(file, origin);
    load(() => (files.length === 1 ? kc.loadFromFile(files[0] as string) : kc.loadFromDefault()), origin);
  } else {
    throw new ConfigurationError(
      "No cluster to connect to: set 'kubeconfig', or run google-github-actions/get-gke-credentials before this step (it sets KUBECONFIG).",
    );
  }
  maskCredentials(kc);
  const context = kc.getCurrentContext();
  if (!context || !kc.getContextObject(context)) throw new ConfigurationError(`${origin} has no current context.`);
  if (!kc.getCurrentCluster()?.server)
    throw new ConfigurationError(`${origin}: the current context "${context}" names no cluster with a server.`);
  return kc;
}

/**
 * readKubeconfigPath reads the file the `kubeconfig` input names. The input is a secret (it is
 * often the content itself, mistyped), so a problem is told without quoting it.
 */
function readKubeconfigPath(path: string): string {
  const problem = "Input 'kubeconfig' is neither kubeconfig content (YAML, JSON, or base64 of either) nor the path of";
  if (path.includes('\n') || !existsSync(path)) throw new ConfigurationError(`${problem} an existing file.`);
  // Anywhere on the runner (get-gke-credentials writes it to the workspace, others to RUNNER_TEMP).
  const content = readInputFile('kubeconfig', path, { anywhere: true, hidden: true, maxBytes: MAX_KUBECONFIG_BYTES });
  maskCredentialFields(content);
  return content;
}

/** The largest kubeconfig read: far above any real one, far below what would exhaust the runner. */
const MAX_KUBECONFIG_BYTES = 1024 * 1024;

/** checkPath refuses a KUBECONFIG entry that does not exist, is no regular file, or is too large. */
function checkPath(path: string, origin: string): void {
  if (!existsSync(path)) throw new ConfigurationError(`${origin} names ${JSON.stringify(path)}, which does not exist.`);
  const stats = statSync(path);
  if (!stats.isFile())
    throw new ConfigurationError(`${origin} names ${JSON.stringify(path)}, which is not a regular file.`);
  if (stats.size > MAX_KUBECONFIG_BYTES)
    throw new ConfigurationError(`${origin} names ${JSON.stringify(path)}, which is larger than the limit of 1 MiB.`);
}

function load(fn: () => void, origin: string): void {
  try {
    fn();
  } catch (error) {
    throw new ConfigurationError(`${origin} is not a valid kubeconfig: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** The material of a TLS connection (an exec plugin may renew a client certificate) as one string. */
function tlsMaterial(options: AgentOptions): string {
  const text = (value: unknown): string =>
    value === undefined ? '' : Array.isArray(value) ? value.map(text).join('\n') : String(value);
  return [options.ca, options.cert, options.key, options.pfx, options.passphrase].map(text).join('\0');
}

const ignore = () => undefined;

/**
 * EarlyConnectingAgent is a cluster's keep-alive pool that can open its first connections before
 * any request asks for one: the TCP and TLS handshakes (two round trips to a far cluster) then
 * overlap the step's own start instead of delaying its requests. Each early connection goes to the
 * next request whose connection it fits; one that failed or closed before is dropped, and that
 * request connects as it would have. Waiting unused, they do not keep the process alive.
 */
class EarlyConnectingAgent extends HttpsAgent {
  #early: { key: string; sockets: Socket[] } | undefined;

  openEarly(server: URL, connections: number): void {
    if (this.#early) return;
    const host = server.hostname.replace(/^\[(.*)\]$/, '$1');
    // As Node's agent names a connection: the TLS server name is the host's, unless it is an address.
    const servername = this.options.servername ?? (isIP(host) ? '' : host);
    const options = { ...this.options, host, port: Number(server.port) || 443, servername };
    const key = this.getName(options);
    const sockets = Array.from({ length: connections }, () => {
      // Under the pool's name for it, so that the TLS session is kept for the pool's next connections.
      const socket = super.createConnection({ ...options, _agentKey: key } as ClientRequestArgs) as Socket;
      socket.on('error', ignore);
      socket.unref();
      return socket;
    });
    this.#early = { key, sockets };
  }

  override createConnection(options: ClientRequestArgs, callback?: (error: Error | null, socket: Duplex) => void) {
    const early = this.#early;
    // Early connections to another server than this request's are of no use to any request.
    if (early && early.key !== this.getName(options)) for (const socket of early.sockets.splice(0)) socket.destroy();
    let socket: Socket | undefined;
    while (early && !socket && early.sockets.length > 0) {
      const next = early.sockets.shift() as Socket;
      if (!next.destroyed) socket = next;
    }
    if (early?.sockets.length === 0) this.#early = undefined;
    if (!socket) return super.createConnection(options, callback);
    socket.off('error', ignore);
    socket.ref();
    return socket;
  }
}

/**
 * What openEarly started for a connection: requests wait for it before they ask for credentials.
 * It ends with the error that getting the credentials or TLS options met (a credential plugin that
 * failed, a CA file that cannot be read), or with nothing.
 */
const opening = new WeakMap<KubeConfig, Promise<unknown>>();

/**
 * openEarly starts, without a request, what the first requests to the cluster need: their
 * credentials (an exec plugin such as gke-gcloud-auth-plugin runs once, and what it returns is
 * cached) and `connections` connections (one by default). Nothing is sent to the API server; a
 * problem is left for the first request to meet and report.
 */
export function openEarly(kc: KubeConfig, connections = 1): void {
  const server = kc.getCurrentCluster()?.server;
  if (!server?.startsWith('https://') || opening.has(kc)) return;
  const options: RequestOptions = {};
  opening.set(
    kc,
    kc.applyToHTTPSOptions(options).then(
      () => {
        if (options.agent instanceof EarlyConnectingAgent) options.agent.openEarly(new URL(server), connections);
      },
      (error: unknown) => error,
    ),
  );
}

/**
 * earlyCredentials resolves once the credentials and TLS options openEarly started getting are
 * there, and throws what getting them met: the requests waiting for them fail as they would have,
 * with that error, and do not run a credential plugin again; a request after them (a retry) asks
 * anew.
 */
export async function earlyCredentials(kc: KubeConfig): Promise<void> {
  const started = opening.get(kc);
  const failure = await started;
  if (failure === undefined) return;
  if (opening.get(kc) === started) opening.set(kc, Promise.resolve());
  throw failure;
}

/**
 * pooledConnections makes the requests of a KubeConfig share kept-alive connections, one pool per
 * cluster, user and TLS material: client-node's agent for a direct connection closes each
 * connection after its request, so every request would pay a new TCP and TLS handshake. The
 * connections of a pool share one TLS context (Node would parse the CA and the client
 * certificate again for each). Idle connections do not keep the process alive (Node's agent
 * unreferences them). Connections through a proxy keep client-node's own agent.
 */
export function pooledConnections(kc: KubeConfig): KubeConfig {
  const target = kc as unknown as {
    createAgent: (cluster: Cluster | undefined, options: AgentOptions) => HttpAgent;
  };
  const create = target.createAgent.bind(kc);
  const pools = new Map<string, HttpAgent>();
  target.createAgent = (cluster, options) => {
    if (!cluster || cluster.proxyUrl) return create(cluster, options);
    const key = [
      JSON.stringify(cluster),
      kc.getCurrentUser()?.name,
      options.servername,
      options.rejectUnauthorized,
      tlsMaterial(options),
    ].join('\0');
    let pool = pools.get(key);
    if (!pool) {
      // client-node's own checks (plain HTTP only when the kubeconfig says so) come first.
      const plain = !(create(cluster, options) instanceof HttpsAgent);
      pool = plain
        ? new HttpAgent({ ...options, keepAlive: true })
        : new EarlyConnectingAgent({ ...options, secureContext: createSecureContext(options), keepAlive: true });
      pools.set(key, pool);
    }
    return pool;
  };
  return kc;
}

function opened(kc: KubeConfig, options: ConnectOptions): KubeConfig {
  if (options.openEarly !== false) openEarly(kc);
  return kc;
}

/**
 * Room after a step's own timeout for it to finish reporting (a rollout wait that timed out
 * explains which pods are stuck) before its requests are cut.
 */
const REPORT_GRACE_MS = 5000;

export interface ConnectOptions {
  /** The step's timeout, in milliseconds: its StepDeadline's budget (requests get a short grace after it). */
  timeoutMs: number;
  /** What it is called in messages, e.g. "the step's timeout of 5m". */
  label: string;
  /**
   * Open the cluster's first connection and run its credential plugin at once (openEarly);
   * default true. False for a caller that sends its requests its own way (smoke-test's checks).
   */
  openEarly?: boolean;
}

/** What connectEarly started for a step's connection inputs, for connect() to take over. */
const earlyStarts = new WeakMap<ConnectionInputs, Promise<KubeConfig>>();

/** fromKubeconfig is the connection a kubeconfig (or KUBECONFIG) gives, `connections` of it opened at once. */
async function fromKubeconfig(inputs: ConnectionInputs, connections: number): Promise<KubeConfig> {
  const kc = loadKubeConfig({ kubeconfig: inputs.kubeconfig, env: inputs.env });
  if (kc.getCurrentCluster()?.proxyUrl?.startsWith('socks')) await loadSocksProxy();
  pooledConnections(kc);
  if (connections > 0) openEarly(kc, connections);
  return kc;
}

/**
 * connectEarly starts what connect() will do for a kubeconfig as soon as a step's inputs are
 * checked, while the step still loads its work: it reads the kubeconfig, starts its credential
 * plugin and opens `connections` connections to the cluster, sending nothing. connect() with the
 * same inputs takes it over, and reports what went wrong, as it would have. GKE coordinates
 * (`cluster`) are left to connect(), which asks the Container API.
 *
 * It resolves after one turn of the event loop: enough for a token's connections to be on their
 * way before the step loads its work (Node reads a module graph without giving them a turn), and
 * not so long that a credential plugin, a process of its own, holds the step's loading up.
 */
export async function connectEarly(
  inputs: ConnectionInputs,
  /** How many connections the step's first requests take at once. */
  { connections = 1 }: { connections?: number } = {},
): Promise<void> {
  if (inputs.cluster || earlyStarts.has(inputs)) return;
  const started = fromKubeconfig(inputs, connections);
  // connect() reports a failure; a step that fails before it never asks.
  started.catch(() => undefined);
  earlyStarts.set(inputs, started);
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * connect returns the cluster connection from exactly one of: the `kubeconfig` input, GKE
 * coordinates (`cluster`, `location`, `project`) through the Container API, or KUBECONFIG. Every
 * request through it is bounded by a StepDeadline (deadlineOf(kc)). The GKE client is loaded only
 * when coordinates are given.
 */
export async function connect(inputs: ConnectionInputs, options: ConnectOptions): Promise<KubeConfig> {
  if (inputs.kubeconfig && inputs.cluster)
    throw new ConfigurationError("Set only one of the inputs 'kubeconfig' or 'cluster'.");
  const deadline = new StepDeadline(options.timeoutMs, options.label, REPORT_GRACE_MS);
  if (inputs.cluster) {
    const { gkeKubeConfig } = await import('./gke.js');
    const kc = await gkeKubeConfig(
      {
        cluster: inputs.cluster,
        location: inputs.location,
        project: inputs.project,
        endpoint: inputs.endpoint ?? 'public',
      },
      deadline,
    );
    return withDeadline(opened(pooledConnections(kc), options), deadline);
  }
  // What connectEarly started is taken once: another connect() with the same inputs starts anew.
  const started = earlyStarts.get(inputs);
  earlyStarts.delete(inputs);
  return withDeadline(await (started ?? fromKubeconfig(inputs, options.openEarly === false ? 0 : 1)), deadline);
}

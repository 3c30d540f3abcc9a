// kube-sim serve --kubeconfig <path> [--images <file>] [--gke <file>] [--gateway [ns/]name]... [--dns-port N] [--port N] [--speed N] [--token T] [--registry URL] [--insecure-http] [--no-watch-list] [--controller-delay D] [--chaos SEED]
// The kube-sim command line (bin/kube-sim.mjs runs it). Starts a simulated cluster, writes a kubeconfig for it, prints one line when ready
// (then one per load balancer as it starts: where to send requests), and stops
// cleanly on SIGINT or SIGTERM. Runs on Node 24 straight from TypeScript (type stripping).
// It serves HTTPS with a CA made at start and a bearer token, both in the kubeconfig, so kubectl
// and every action of the suite take the kubeconfig as it is.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type GkeFile, loadGkeFile, parseGkeFile } from './gke-file.js';
import { durationMs, parseImagesFile } from './images-file.js';
import { activeNamespace, createCertificates, gkeGateway, type KObject, startSim } from './index.js';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const USAGE =
  'usage: kube-sim serve --kubeconfig <path> [--images <file>] [--gke <file>] [--gateway [namespace/]name]... [--dns-port N] [--port N] [--speed N] [--token T] [--registry URL] [--insecure-http] [--no-watch-list] [--controller-delay <duration>] [--chaos <seed>]';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.some((arg) => arg === '--help' || arg === '-h') || (args.length === 1 && args[0] === 'help')) {
    console.log(USAGE);
    return 0;
  }
  let parsed: ReturnType<
    typeof parseArgs<{
      options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        kubeconfig: { type: 'string' },
        images: { type: 'string' },
        gke: { type: 'string' },
        gateway: { type: 'string', multiple: true },
        'dns-port': { type: 'string' },
        port: { type: 'string' },
        speed: { type: 'string' },
        token: { type: 'string' },
        registry: { type: 'string' },
        'insecure-http': { type: 'boolean' },
        'no-watch-list': { type: 'boolean' },
        'controller-delay': { type: 'string' },
        chaos: { type: 'string' },
      },
    });
  } catch (error) {
    console.error(`kube-sim: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'serve' || !values.kubeconfig) {
    console.error(USAGE);
    return 2;
  }
  const port = values.port ? Number(values.port) : 0;
  const speed = values.speed ? Number(values.speed) : 1;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`kube-sim: --port must be a port number, got ${values.port}`);
    return 2;
  }
  if (!(speed > 0)) {
    console.error(`kube-sim: --speed must be a positive number, got ${values.speed}`);
    return 2;
  }
  let controllerDelayMs: number | undefined;
  if (values['controller-delay'] !== undefined) {
    try {
      controllerDelayMs = durationMs('--controller-delay', values['controller-delay']);
    } catch (error) {
      console.error(`kube-sim: ${(error as Error).message}`);
      return 2;
    }
  }
  const chaos = values.chaos === undefined ? undefined : Number(values.chaos);
  if (chaos !== undefined && !Number.isInteger(chaos)) {
    console.error(`kube-sim: --chaos must be a whole number (the seed), got ${values.chaos}`);
    return 2;
  }
  let images: ReturnType<typeof parseImagesFile> = [];
  if (values.images) {
    try {
      images = parseImagesFile(readFileSync(values.images as string, 'utf8'));
    } catch (error) {
      console.error(`kube-sim: --images ${values.images}: ${(error as Error).message}`);
      return 2;
    }
  }
  let gke: GkeFile | undefined;
  if (values.gke) {
    try {
      gke = parseGkeFile(readFileSync(values.gke as string, 'utf8'));
    } catch (error) {
      console.error(`kube-sim: --gke ${values.gke}: ${(error as Error).message}`);
      return 2;
    }
  }
  const gateways: [string, string][] = [];
  for (const value of (values.gateway ?? []) as string[]) {
    const parts = value.split('/');
    if (parts.length > 2 || !parts.every((part) => NAME.test(part))) {
      console.error(
        `kube-sim: --gateway must be <name> or <namespace>/<name> (lowercase letters, digits, '-'), got ${value}`,
      );
      return 2;
    }
    gateways.push(parts.length === 2 ? [parts[0] as string, parts[1] as string] : ['default', parts[0] as string]);
  }
  const dnsPort = values['dns-port'] === undefined ? 0 : Number(values['dns-port']);
  if (!Number.isInteger(dnsPort) || dnsPort < 0 || dnsPort > 65535) {
    console.error(`kube-sim: --dns-port must be a port number, got ${values['dns-port']}`);
    return 2;
  }
  let tls: { cert: string; key: string; ca: string } | undefined;
  if (!values['insecure-http']) {
    try {
      const certs = createCertificates();
      tls = { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert };
    } catch (error) {
      console.error(
        `kube-sim: cannot make a certificate with openssl (${(error as Error).message.split('\n')[0]}); install openssl, or use --insecure-http`,
      );
      return 1;
    }
  }
  const sim = await startSim({
    port,
    speed,
    tls,
    // kubectl sends no bearer token over plain HTTP: the old way checks none unless asked to.
    token: (values.token as string | undefined) ?? (tls ? randomBytes(16).toString('hex') : undefined),
    registry: values.registry as string | undefined,
    watchList: !values['no-watch-list'],
    faults: {
      ...(controllerDelayMs !== undefined ? { controllerDelayMs } : {}),
      ...(chaos !== undefined ? { chaos: true, seed: chaos } : {}),
    },
  });
  for (const [pattern, behaviour] of images) sim.registerImage(pattern, behaviour);
  if (gke) loadGkeFile(sim.gke, gke);
  // Public DNS as the simulated GKE sees it, for ensure-cert's dns-server (or dig -p).
  const dns = values.gke || values['dns-port'] ? await sim.gke.dns.serve(dnsPort) : undefined;
  writeFileSync(values.kubeconfig as string, sim.kubeconfig, { mode: 0o600 });
  console.log(`kube-sim listening on ${sim.url}${dns ? `, DNS on ${dns}` : ''}`);
  // Where each simulated Google load balancer answers, as it starts: the way in for curl and smoke tests.
  sim.onLoadBalancer(({ kind, name, url }) =>
    console.log(
      kind === 'gateway'
        ? `load balancer of gateway ${name} on ${url} (send the Host header its HTTPRoutes name)`
        : `load balancer of ingress host ${name} on ${url} (send Host: ${name})`,
    ),
  );
  const namespaces = new Set(sim.list('Namespace').map((n) => n.metadata.name));
  const seeded: KObject[] = [];
  for (const [namespace, name] of gateways) {
    if (!namespaces.has(namespace)) seeded.push(activeNamespace(namespace));
    namespaces.add(namespace);
    seeded.push(gkeGateway(namespace, name));
  }
  sim.seed(seeded);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    stopWithNpx(resolve);
  });
  await sim.stop();
  return 0;
}

/**
 * stopWithNpx stops a server `npx kube-sim serve` started when npx is stopped. npm hands a SIGTERM
 * or SIGINT to the shell it runs the command in (`sh -c`), and a shell such as dash dies of it
 * without passing it on: the server would be left running, its parent gone. Under `npm exec` the
 * server's parent is that shell, which lives as long as the server unless it is killed, so a new
 * parent means it was; started in any other way (a CI step's `&`, whose shell ends with the step,
 * or a script that npm exec runs), the server runs until it is told to stop.
 */
function stopWithNpx(stop: () => void): void {
  // npm exec's command line, as npm puts it in the environment: this server's, not an outer one's
  // (a script run through npm exec that starts the server itself).
  if (process.env.npm_command !== 'exec' || !/^'?kube-sim\b/.test(process.env.npm_lifecycle_script ?? '')) return;
  const shell = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === shell) return;
    clearInterval(watch);
    stop();
  }, 200);
  watch.unref();
}

process.exitCode = await main();

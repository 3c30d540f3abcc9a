// kube-sim serve --kubeconfig <path> [--images <file>] [--gke <file>] [--dns-port N] [--port N] [--speed N] [--token T] [--registry URL] [--insecure-http] [--no-watch-list] [--controller-delay D] [--chaos SEED]
// The kube-sim command line (bin/kube-sim.mjs runs it). Starts a simulated cluster, writes a kubeconfig for it, prints one line when ready, and stops
// cleanly on SIGINT or SIGTERM. Runs on Node 24 straight from TypeScript (type stripping).
// It serves HTTPS with a CA made at start and a bearer token, both in the kubeconfig, so kubectl
// and every action of the suite take the kubeconfig as it is.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type GkeFile, loadGkeFile, parseGkeFile } from './gke-file.js';
import { durationMs, parseImagesFile } from './images-file.js';
import { createCertificates, startSim } from './index.js';

const USAGE =
  'usage: kube-sim serve --kubeconfig <path> [--images <file>] [--gke <file>] [--dns-port N] [--port N] [--speed N] [--token T] [--registry URL] [--insecure-http] [--no-watch-list] [--controller-delay <duration>] [--chaos <seed>]';

async function main(): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ options: Record<string, { type: 'string' | 'boolean' }>; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        kubeconfig: { type: 'string' },
        images: { type: 'string' },
        gke: { type: 'string' },
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
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.stop();
  return 0;
}

process.exitCode = await main();

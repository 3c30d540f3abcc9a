#!/usr/bin/env node
// kube-sim serve --kubeconfig <path> [--port N] [--speed N] [--token T] [--registry URL]
// Starts a simulated cluster, writes a kubeconfig for it, prints one line when ready, and stops
// cleanly on SIGINT or SIGTERM. Runs on Node 24 straight from TypeScript (type stripping).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startSim } from './index.ts';

const USAGE = 'usage: kube-sim serve --kubeconfig <path> [--port N] [--speed N] [--token T] [--registry URL]';

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' }>; allowPositionals: true }>>;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        kubeconfig: { type: 'string' },
        port: { type: 'string' },
        speed: { type: 'string' },
        token: { type: 'string' },
        registry: { type: 'string' },
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
  const sim = await startSim({
    port,
    speed,
    token: values.token,
    registry: values.registry,
  });
  writeFileSync(values.kubeconfig, sim.kubeconfig, { mode: 0o600 });
  console.log(`kube-sim listening on ${sim.url}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.stop();
  return 0;
}

process.exitCode = await main();

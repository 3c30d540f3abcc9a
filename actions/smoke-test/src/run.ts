import {
  HttpConnections,
  info,
  OperationalError,
  setJsonOutput,
  setOutputs,
  type TlsOptions,
  warning,
  writeSummary,
} from '@gke-deploy/action-kit';
import type { SmokeTestConfig } from './check-spec.js';
import { type CheckReport, type RunChecksOptions, runChecks } from './checks.js';
import { connectTarget } from './target.js';

function describeFailure(report: CheckReport): string {
  const attempts = `${report.attempts} attempt${report.attempts === 1 ? '' : 's'}`;
  return `check "${report.name}" (${report.method} ${report.url}) failed after ${attempts}: ${report.reason}`;
}

/** smokeTest is the action: validate every input, run the checks, report, and fail if asked to. */
export async function smokeTest(config: SmokeTestConfig): Promise<void> {
  let tls: TlsOptions = { ca: config.ca, insecure: config.insecure };
  let through: Pick<RunChecksOptions, 'credentials' | 'confineTo'> = {};
  if (config.target) {
    const connection = await connectTarget(config.target, config.checks);
    config.checks = connection.checks;
    tls = connection.tls;
    through = { credentials: connection.credentials, confineTo: connection.origin };
    info(`Checking ${connection.label} through the Kubernetes API server.`);
  }
  const connections = new HttpConnections(tls, config.connectTo);
  let reports: CheckReport[];
  try {
    reports = await runChecks(config, { connections, ...through, log: (line) => info(line) });
  } finally {
    connections.close();
  }
  const passed = reports.every((report) => report.result === 'passed');
  for (const report of reports) {
    if (report.result === 'passed') {
      info(`✓ ${report.name}: ${report.status} in ${report.latencyMs} ms (${report.attempts} attempt(s))`);
    } else if (report.result === 'cancelled') {
      info(`- ${report.name}: ${report.reason}`);
    }
  }
  setOutputs({ passed });
  setJsonOutput('report', reports);
  await writeSummary({
    heading: `Smoke test: ${passed ? 'passed' : 'failed'}`,
    table: {
      headers: ['Check', 'Result', 'Attempts', 'Status', 'Latency', 'Detail'],
      rows: reports.map((r) => [
        `${r.name}`,
        r.result,
        String(r.attempts),
        r.status === undefined ? '' : String(r.status),
        r.latencyMs === undefined ? '' : `${r.latencyMs} ms`,
        r.result === 'passed' ? '' : (r.reason ?? ''),
      ]),
    },
  });
  const failed = reports.filter((report) => report.result === 'failed');
  if (failed.length === 0) return;
  const message = failed.map(describeFailure).join('\n');
  if (config.failOnError) throw new OperationalError(message);
  for (const report of failed) warning(describeFailure(report));
}

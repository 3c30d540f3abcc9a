import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { callWithRetries } from '../src/client.js';
import { StepDeadline, withDeadline } from '../src/deadline.js';

const SERVER = 'https://127.0.0.1:6443';

function connection(budgetMs: number): { kc: KubeConfig; deadline: StepDeadline } {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: SERVER, skipTLSVerify: false }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  const deadline = new StepDeadline(budgetMs, `the step's timeout of ${budgetMs}ms`);
  return { kc: withDeadline(kc, deadline), deadline };
}

describe('callWithRetries', () => {
  it('tells why the server could not be reached when the deadline cuts a later attempt', async () => {
    const { kc, deadline } = connection(300);
    let attempts = 0;
    const call = () => {
      attempts++;
      if (attempts === 1)
        return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      // Later attempts hang until the deadline aborts them, as a request in flight is.
      return new Promise<never>((_, reject) =>
        deadline.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    };
    await expect(callWithRetries(kc, call)).rejects.toThrow(
      `cannot reach the Kubernetes API server at ${SERVER}: connection refused`,
    );
    expect(attempts).toBeGreaterThan(1);
  });

  it('says the deadline ended a call that never got an answer', async () => {
    const { kc, deadline } = connection(200);
    const call = () =>
      new Promise<never>((_, reject) =>
        deadline.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    await expect(callWithRetries(kc, call)).rejects.toThrow(
      `the Kubernetes API server at ${SERVER} did not answer within the step's timeout of 200ms`,
    );
  });

  it('calls a server that keeps dropping its connections until the deadline a timeout, not a closed connection', async () => {
    const { kc } = connection(300);
    let attempts = 0;
    const call = () => {
      attempts++;
      return Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    };
    await expect(callWithRetries(kc, call)).rejects.toThrow(
      `the Kubernetes API server at ${SERVER} did not answer within the step's timeout of 300ms (the connection was closed)`,
    );
    expect(attempts).toBeGreaterThan(1);
  });

  it('still says the connection was closed when retries ran out before the deadline', async () => {
    const { kc } = connection(120_000);
    const call = () => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'EPIPE' }));
    await expect(callWithRetries(kc, call)).rejects.toThrow(
      `cannot reach the Kubernetes API server at ${SERVER}: the connection was closed`,
    );
  }, 120_000);
});

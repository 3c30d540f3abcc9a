import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, OperationalError } from './errors.js';
import { runStep } from './run-step.js';
import { maskSecret } from './secrets.js';

let written: string[];

beforeEach(() => {
  written = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  process.exitCode = undefined;
  delete process.env.GITHUB_STATE;
  process.env.RUNNER_DEBUG = '1';
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  delete process.env.RUNNER_DEBUG;
});

const lines = () => written.join('').split('\n').filter(Boolean);

describe('runStep', () => {
  it('reports a ConfigurationError as one line prefixed with the action name, without a stack', async () => {
    await runStep('demo', async () => {
      throw new ConfigurationError("Input 'x' is\nrequired.");
    });
    expect(lines().filter((line) => !line.startsWith('::save-state') && !line.startsWith('::debug'))).toEqual([
      "::error::demo: Input 'x' is required.",
    ]);
    expect(written.join('')).not.toContain('    at ');
    expect(process.exitCode).toBe(1);
  });

  it('reports an OperationalError as its message only', async () => {
    await runStep('demo', async () => {
      throw new OperationalError('check "a" failed\ncheck "b" failed');
    });
    expect(lines()).toEqual(['::error::demo: check "a" failed%0Acheck "b" failed']);
  });

  it('reports a bug with its message, and its stack in the debug log', async () => {
    await runStep('demo', async () => {
      throw new TypeError('cannot read x of undefined');
    });
    expect(lines()[0]).toBe('::error::demo: cannot read x of undefined');
    expect(lines()[1]).toMatch(/^::debug::TypeError: cannot read x of undefined%0A\s+at /);
  });

  it('redacts registered secrets from failure messages and stacks', async () => {
    maskSecret('hunter2-very-secret');
    written = [];
    await runStep('demo', async () => {
      throw new Error('POST https://hooks.example/hunter2-very-secret failed');
    });
    expect(written.join('')).not.toContain('hunter2-very-secret');
    expect(lines()[0]).toBe('::error::demo: POST https://hooks.example/*** failed');
  });
});

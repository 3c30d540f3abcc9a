import { createServer } from 'node:net';

/** Below Linux's ephemeral range (32768–60999), so no server that listens on port 0 is given it meanwhile. */
const LOW = 20_000;
const HIGH = 32_768;

/**
 * freePort is a loopback port nothing listens on now, chosen where the kernel does not hand out ports of
 * its own: a port taken from `listen(0)` and closed goes back to that pool, and the next test server
 * listening on port 0 may be given it, so a test that expects it refused would meet that server instead.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

import { request } from 'undici';

/**
 * versions sends `count` requests through a simulated load balancer (the Gateway's address) and
 * counts what answered: the `version` a test app reports on a 200, else the status code.
 */
export async function versions(
  url: string,
  count: number,
  headers: Record<string, string>,
): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const answer = await request(url, { headers });
    const key =
      answer.statusCode === 200
        ? ((await answer.body.json()) as { version: string }).version
        : String(answer.statusCode);
    if (answer.statusCode !== 200) await answer.body.dump();
    seen[key] = (seen[key] ?? 0) + 1;
  }
  return seen;
}

/**
 * keepSending plays users: each sender in a loop of its own until stopped, as a service's users
 * keep coming during a release. A request that fails (a slot going away) is tried again shortly.
 */
export function keepSending(senders: (() => Promise<unknown>)[]): { stop(): Promise<void> } {
  let sending = true;
  const loops = senders.map(async (send) => {
    while (sending) await send().catch(() => new Promise((resolve) => setTimeout(resolve, 50)));
  });
  return {
    stop: async () => {
      sending = false;
      await Promise.all(loops);
    },
  };
}

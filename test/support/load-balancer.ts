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

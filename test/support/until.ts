/**
 * until reads a value until it satisfies ok, or fails after timeoutMs with the last value seen
 * (its `status` when it has one), so a failing wait says what the cluster looked like.
 */
export async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) {
      const shown = (value as { status?: unknown } | undefined)?.status ?? value;
      throw new Error(`condition not met: ${JSON.stringify(shown).slice(0, 1500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

import { type KubeConfig, Watch } from '@kubernetes/client-node';

export interface WatchedPath {
  path: string;
  query: Record<string, string>;
}

export interface Change {
  /** The path whose watch saw the change. */
  path: string;
  /** The object of the event (for DELETED, as it was). */
  object: unknown;
  type: string;
}

/**
 * nextChange resolves at the first change on any of the watched paths after the given resource
 * versions, when a watch ends (client-node cuts watches after 30 s; servers cut them too), or
 * when the deadline passes; with the change, or undefined for the others. Callers re-read what
 * they need after it, so nothing is missed and a 410 (resource version too old) costs one read.
 */
export async function nextChange(
  kc: KubeConfig,
  watches: WatchedPath[],
  deadline: number,
  signal?: AbortSignal,
): Promise<Change | undefined> {
  const controllers: AbortController[] = [];
  let finished = false;
  let change: Change | undefined;
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      const finish = () => {
        clearTimeout(timer);
        resolve();
      };
      signal?.addEventListener('abort', finish, { once: true });
      for (const { path, query } of watches) {
        new Watch(kc)
          .watch(
            path,
            query,
            (type, object: unknown) => {
              if (type === 'BOOKMARK') return;
              change ??= { path, object, type };
              finish();
            },
            finish,
          )
          .then((controller) => {
            // A watch whose first event already ended the wait must not stay open: an open
            // connection would keep the action's process alive after its work is done.
            if (finished) controller.abort();
            else controllers.push(controller);
          }, finish);
      }
    });
  } finally {
    finished = true;
    for (const controller of controllers) controller.abort();
  }
  return change;
}

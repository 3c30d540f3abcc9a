import { type KubeConfig, type KubernetesObject, Watch } from '@kubernetes/client-node';
import { collectionPath, type KubeApi, type Resource } from './api.js';

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

/** How long a failed watch waits before its collection is listed and watched again. */
const WATCH_RETRY_PAUSE_MS = 100;

/**
 * WatchedCollection is one kind of object in a namespace, listed once and then kept current by a
 * single watch that stays open (as an informer does): each event updates the objects and calls
 * onChange. When the watch ends (an idle cut, a server cut, a 410 for a resource version too old),
 * the collection is listed again and the watch reopened from there, so no change is missed; a
 * failure of that list goes to onError.
 */
export class WatchedCollection<T extends KubernetesObject> {
  readonly items = new Map<string, T>();
  private resourceVersion = '';
  private controller?: AbortController;
  private closed = false;

  constructor(
    private readonly api: KubeApi,
    private readonly type: Resource<T>,
    private readonly namespace: string,
    private readonly onChange: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** load lists the objects, replacing what was known. */
  async load(): Promise<void> {
    const list = await this.api.list(this.type, this.namespace);
    this.items.clear();
    for (const item of list.items) this.items.set(item.metadata?.name ?? '', item);
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
  }

  /** follow opens the watch from the last list or event. */
  follow(): void {
    if (this.closed) return;
    let ended = false;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      this.controller?.abort();
      this.controller = undefined;
      if (this.closed) return;
      // A watch that failed is not retried at once: a server refusing watches is not hammered.
      const pause = error ? new Promise((resolve) => setTimeout(resolve, WATCH_RETRY_PAUSE_MS)) : Promise.resolve();
      pause
        .then(() => (this.closed ? undefined : this.load()))
        .then(
          () => {
            if (this.closed) return;
            this.onChange();
            this.follow();
          },
          (error: unknown) => {
            if (!this.closed) this.onError(error);
          },
        );
    };
    const query = { resourceVersion: this.resourceVersion, allowWatchBookmarks: 'true' };
    new Watch(this.api.kc)
      .watch(
        collectionPath(this.type, this.namespace),
        query,
        (type, object: T) => {
          if (ended || this.closed) return;
          // An ERROR event (410 Gone: the resource version is too old) ends the watch.
          if (type === 'ERROR') return end(object);
          const version = object.metadata?.resourceVersion;
          if (version) this.resourceVersion = version;
          if (type === 'BOOKMARK') return;
          const name = object.metadata?.name ?? '';
          if (type === 'DELETED') this.items.delete(name);
          else this.items.set(name, object);
          this.onChange();
        },
        end,
      )
      .then((controller) => {
        if (ended || this.closed) controller.abort();
        else this.controller = controller;
      }, end);
  }

  close(): void {
    this.closed = true;
    this.controller?.abort();
  }
}

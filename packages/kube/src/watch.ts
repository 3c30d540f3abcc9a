import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { collectionPath, type KubeApi, type Resource } from './api.js';
import { KubernetesApiError } from './client.js';
import { openRequest, readText } from './http.js';

function parseEvent(line: string): { type?: string; object?: unknown } | undefined {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

export interface WatchHandle {
  /** Closes the watch; its onEnd is not called. */
  abort(): void;
}

/**
 * openWatch watches a collection path from the query's resource version: onEvent gets each event
 * the API server streams (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR), onEnd is called once when
 * the watch ends on its own: the server closed it, it was refused (a KubernetesApiError), its
 * connection failed, or nothing came for 30 s (an idle watch is cut, as client-node cuts it).
 */
export function openWatch(
  kc: KubeConfig,
  path: string,
  query: Record<string, string>,
  onEvent: (type: string, object: unknown) => void,
  onEnd: (error?: unknown) => void,
): WatchHandle {
  const controller = new AbortController();
  let ended = false;
  const end = (error?: unknown) => {
    if (ended) return;
    ended = true;
    controller.abort();
    onEnd(error);
  };
  const search = new URLSearchParams({ ...query, watch: 'true' });
  openRequest(kc, {
    method: 'GET',
    path: `${path}?${search}`,
    headers: { accept: 'application/json' },
    signal: controller.signal,
  })
    .then(async (answer) => {
      if (answer.statusCode !== 200) throw new KubernetesApiError(answer.statusCode ?? 0, await readText(answer));
      await new Promise<void>((resolve, reject) => {
        let pending = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => {
          pending += chunk;
          for (let newline = pending.indexOf('\n'); newline >= 0 && !ended; newline = pending.indexOf('\n')) {
            const line = pending.slice(0, newline);
            pending = pending.slice(newline + 1);
            const event = parseEvent(line);
            if (event) onEvent(event.type ?? '', event.object);
          }
        });
        answer.on('error', reject);
        answer.on('close', resolve);
      });
      end();
    })
    .catch(end);
  return {
    abort() {
      ended = true;
      controller.abort();
    },
  };
}

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
 * versions, when a watch ends (an idle one is cut after 30 s; servers cut them too), or
 * when the deadline passes; with the change, or undefined for the others. Callers re-read what
 * they need after it, so nothing is missed and a 410 (resource version too old) costs one read.
 */
export async function nextChange(
  kc: KubeConfig,
  watches: WatchedPath[],
  deadline: number,
  signal?: AbortSignal,
): Promise<Change | undefined> {
  const handles: WatchHandle[] = [];
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
        const onEvent = (type: string, object: unknown) => {
          if (type === 'BOOKMARK') return;
          change ??= { path, object, type };
          finish();
        };
        handles.push(openWatch(kc, path, query, onEvent, finish));
      }
    });
  } finally {
    // An open watch would keep the action's process alive after its work is done.
    for (const handle of handles) handle.abort();
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
  private handle?: WatchHandle;
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
      this.handle?.abort();
      this.handle = undefined;
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
    const onEvent = (type: string, object: unknown) => {
      if (ended || this.closed) return;
      const item = object as T;
      // An ERROR event (410 Gone: the resource version is too old) ends the watch.
      if (type === 'ERROR') return end(item);
      const version = item.metadata?.resourceVersion;
      if (version) this.resourceVersion = version;
      if (type === 'BOOKMARK') return;
      const name = item.metadata?.name ?? '';
      if (type === 'DELETED') this.items.delete(name);
      else this.items.set(name, item);
      this.onChange();
    };
    this.handle = openWatch(this.api.kc, collectionPath(this.type, this.namespace), query, onEvent, end);
  }

  close(): void {
    this.closed = true;
    this.handle?.abort();
  }
}

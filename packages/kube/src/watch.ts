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
 * connection failed, or nothing came for WATCH_IDLE_MS (a connection that went quiet is cut).
 */
/**
 * How long a watch may stay silent before it is taken for a dead connection and cut: longer than
 * the API server's bookmark interval (about a minute, cacher.go defaultBookmarkFrequency), so a
 * quiet watch on a real cluster is never cut and listed again for nothing.
 */
export const WATCH_IDLE_MS = 90_000;

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
    idleTimeoutMs: WATCH_IDLE_MS,
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
 * versions, when a watch ends (an idle one is cut after WATCH_IDLE_MS; servers cut them too), or
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

/** The annotation of the bookmark that ends a streaming list's initial events. */
const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/**
 * WatchedCollection is one kind of object in a namespace, filled once and then kept current by a
 * single watch that stays open (as an informer does): each event updates the objects and calls
 * onChange. It is filled, as client-go's reflector does with WatchListClient, by a streaming list
 * where the API server serves them (a watch with `sendInitialEvents=true`: the objects, then a
 * bookmark, then the changes; one request instead of a list and a watch), else by a list and a
 * watch from its resource version: a server that refuses streaming lists (422: the WatchList
 * feature is off, as by default in Kubernetes 1.33) is not asked again on this connection, and a
 * streaming list that fails before its objects are all in falls back to the list. When the watch
 * ends (an idle cut, a server cut, a 410 for a resource version too old), the collection is
 * filled again the same way, so no change is missed; a failure of that list goes to onError, as
 * does a watch refused with 401 or 403 (asking again would not change the answer).
 */
export class WatchedCollection<T extends KubernetesObject> {
  readonly items = new Map<string, T>();
  private handle?: WatchHandle;
  private closed = false;
  private pendingStart?: () => void;
  private onChange: () => void = () => undefined;
  /** Until someone listens, a failure is kept for the first listener. */
  private onError: (error: unknown) => void = (error) => {
    this.failure ??= error;
  };
  private failure: unknown;

  constructor(
    private readonly api: KubeApi,
    private readonly type: Resource<T>,
    private readonly namespace: string,
    listener?: { onChange: () => void; onError: (error: unknown) => void },
  ) {
    if (listener) this.listen(listener.onChange, listener.onError);
  }

  /**
   * listen sends the collection's changes and failures to these callbacks from now on (a
   * collection filled by one part of a step, then handed to another to follow); a failure that
   * came while nobody listened is sent at once.
   */
  listen(onChange: () => void, onError: (error: unknown) => void): void {
    this.onChange = onChange;
    this.onError = onError;
    if (this.failure !== undefined) onError(this.failure);
  }

  /**
   * start fills the collection (a streaming list, or a list) and follows it from there; it
   * resolves once the objects are in, and fails as the list fails.
   */
  async start(): Promise<void> {
    if (await this.streamedList()) return;
    if (this.closed) return;
    const list = await this.api.list(this.type, this.namespace);
    this.replaceItems(list.items);
    this.follow({ resourceVersion: list.metadata?.resourceVersion ?? '', allowWatchBookmarks: 'true' });
  }

  private replaceItems(items: Iterable<T>): void {
    this.items.clear();
    for (const item of items) this.items.set(item.metadata?.name ?? '', item);
  }

  /**
   * streamedList opens a watch that starts with the collection's objects, and resolves true once
   * the bookmark that ends them came (the objects replace what was known; the watch follows on),
   * or false, without changing anything, when it could not: the server does not serve streaming
   * lists (remembered for the connection), or the watch ended before that bookmark.
   */
  private streamedList(): Promise<boolean> {
    if (this.api.streamingLists === false || this.closed) return Promise.resolve(false);
    return new Promise<boolean>((settle) => {
      const resolve = (synced: boolean) => {
        this.pendingStart = undefined;
        settle(synced);
      };
      // Closed while the objects come: start gives up (a closed collection needs nothing).
      this.pendingStart = () => resolve(false);
      const initial = new Map<string, T>();
      this.follow(
        { sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: 'true' },
        {
          initial: (type, item) => {
            if (type !== 'BOOKMARK') {
              if (type === 'ADDED') initial.set(item.metadata?.name ?? '', item);
              return false;
            }
            if (item.metadata?.annotations?.[INITIAL_EVENTS_END] !== 'true') return false;
            this.api.streamingLists = true;
            this.replaceItems(initial.values());
            resolve(true);
            return true;
          },
          failed: (error) => {
            // 422 Invalid: the server refuses sendInitialEvents (the WatchList feature is off).
            if (error instanceof KubernetesApiError && error.code === 422) this.api.streamingLists = false;
            resolve(false);
          },
        },
      );
    });
  }

  /**
   * follow opens the watch with the given query. Until `streaming.initial` says the initial
   * events are over, events go to it, and a watch that ends goes to `streaming.failed` instead of
   * filling the collection again.
   */
  private follow(
    query: Record<string, string>,
    streaming?: {
      initial: (type: string, item: T) => boolean;
      failed: (error?: unknown) => void;
    },
  ): void {
    if (this.closed) return;
    let ended = false;
    let synced = !streaming;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      this.handle?.abort();
      this.handle = undefined;
      if (!synced) return streaming?.failed(error);
      if (this.closed) return;
      // Refused credentials or a missing right (RBAC's watch verb) will not change by asking again.
      if (error instanceof KubernetesApiError && (error.code === 401 || error.code === 403)) return this.onError(error);
      // A watch that failed is not retried at once: a server refusing watches is not hammered.
      const pause = error ? new Promise((resolve) => setTimeout(resolve, WATCH_RETRY_PAUSE_MS)) : Promise.resolve();
      pause
        .then(() => (this.closed ? undefined : this.start()))
        .then(
          () => {
            if (!this.closed) this.onChange();
          },
          (error: unknown) => {
            if (!this.closed) this.onError(error);
          },
        );
    };
    const onEvent = (type: string, object: unknown) => {
      if (ended || this.closed) return;
      const item = object as T;
      // An ERROR event (410 Gone: the resource version is too old) ends the watch.
      if (type === 'ERROR') return end(item);
      if (!synced) {
        synced = streaming?.initial(type, item) ?? true;
        return;
      }
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
    this.pendingStart?.();
  }
}

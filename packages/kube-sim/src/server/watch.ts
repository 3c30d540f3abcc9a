// Watches: newline-delimited JSON events from a resourceVersion on (or the current state first),
// 410 Expired past the remembered history, bookmarks, streaming lists (sendInitialEvents), timeouts,
// and Tables for kubectl get -w.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock.js';
import type { FaultInjector } from '../faults.js';
import { apiVersionOf, type ResourceType } from '../resources.js';
import { matchesLabels, parseFieldSelector, parseLabelSelector } from '../selectors.js';
import { type FieldCause, invalid } from '../status.js';
import type { KObject, Store, StoreEvent } from '../store.js';
import { table, wantsTable } from '../tables.js';
import { type Route, selectObjects, withTypeMeta } from './wire.js';

/** WatchContext is what a watch reads: the store, the clock (for ages in Tables) and injected faults. */
export interface WatchContext {
  store: Store;
  clock: Clock;
  faults: FaultInjector;
  /** Real milliseconds between bookmarks to a watch that allows them. */
  bookmarkMs: number;
}

/** The annotation of the bookmark that ends a streaming list's initial events. */
const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/**
 * checkListOptions refuses, with the API server's 422 and words (apimachinery's
 * ValidateListOptions), the list options that belong to streaming lists where they do not apply:
 * `sendInitialEvents` on a list, or on a watch without `resourceVersionMatch=NotOlderThan`, or
 * when the WatchList feature is off (Kubernetes 1.33's default; on in 1.32 and from 1.34);
 * `resourceVersionMatch` on a watch without `sendInitialEvents`.
 */
export function checkListOptions(url: URL, isWatch: boolean, watchList: boolean): void {
  const sendInitialEvents = url.searchParams.get('sendInitialEvents');
  const match = url.searchParams.get('resourceVersionMatch') ?? '';
  const forbidden = (field: string, detail: string): FieldCause => ({
    reason: 'FieldValueForbidden',
    field,
    message: `Forbidden: ${detail}`,
  });
  const causes: FieldCause[] = [];
  if (sendInitialEvents !== null && !isWatch)
    causes.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  else if (sendInitialEvents !== null) {
    if (match !== 'NotOlderThan') {
      causes.push(
        forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'),
      );
      if (match)
        causes.push({
          reason: 'FieldValueNotSupported',
          field: 'resourceVersionMatch',
          message: `Unsupported value: "${match}": supported values: "NotOlderThan"`,
        });
    }
    if (!watchList)
      causes.push(
        forbidden(
          'sendInitialEvents',
          'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
        ),
      );
  } else if (isWatch && match)
    causes.push(
      forbidden(
        'resourceVersionMatch',
        'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
      ),
    );
  if (causes.length > 0) throw invalid('ListOptions', 'meta.k8s.io', '', causes);
}

/** watch streams changes as newline-delimited JSON events, from resourceVersion on, or the current state first. */
export function serveWatch(
  context: WatchContext,
  target: Route,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const { store, clock, faults } = context;
  const labels = parseLabelSelector(url.searchParams.get('labelSelector') ?? '');
  let fieldSelector = url.searchParams.get('fieldSelector') ?? '';
  if (target.name) fieldSelector = [fieldSelector, `metadata.name=${target.name}`].filter(Boolean).join(',');
  const fields = parseFieldSelector(fieldSelector, target.resource.kind);
  const matches = (event: StoreEvent) =>
    event.resource === target.resource &&
    (target.namespace === undefined || event.object.metadata.namespace === target.namespace) &&
    matchesLabels(event.object, labels) &&
    fields(event.object);
  res.writeHead(200, {
    'content-type': 'application/json',
    'transfer-encoding': 'chunked',
    'cache-control': 'no-cache, private',
  });
  // The API server answers a watch at once; the events follow as they happen.
  res.flushHeaders();
  const write = (type: string, object: unknown) => res.write(`${JSON.stringify({ type, object })}\n`);
  // kubectl get -w asks for Tables: each event carries its object as a one-row Table, the column
  // definitions in the first only, as the API server sends them.
  const asTable = wantsTable(req.headers.accept);
  let columnsSent = false;
  const eventObject = (resource: ResourceType, object: KObject) => {
    if (!asTable) return withTypeMeta(resource, object);
    const rows = table(
      resource,
      [object],
      clock.now(),
      object.metadata.resourceVersion ?? '',
      url.searchParams.get('includeObject'),
    );
    if (columnsSent) rows.columnDefinitions = [];
    columnsSent = true;
    return rows;
  };
  const sendEvent = (event: StoreEvent) => write(event.type, eventObject(event.resource, event.object));
  const rv = url.searchParams.get('resourceVersion');
  const bookmarks = url.searchParams.get('allowWatchBookmarks') === 'true';
  const bookmark = (annotations?: Record<string, string>) =>
    write('BOOKMARK', {
      kind: target.resource.kind,
      apiVersion: apiVersionOf(target.resource),
      metadata: { resourceVersion: String(store.resourceVersion), ...(annotations ? { annotations } : {}) },
    });
  const sendInitialEvents = url.searchParams.get('sendInitialEvents');
  const currentState = () => {
    for (const object of selectObjects(store, target, url).filter(
      (o) => !target.name || o.metadata.name === target.name,
    ))
      write('ADDED', eventObject(target.resource, object));
  };
  if (sendInitialEvents === 'true') {
    // A streaming list: the state as of now (at least resourceVersion, which this server always
    // is), then a bookmark that says the initial events are over, then the changes.
    currentState();
    if (bookmarks) bookmark({ [INITIAL_EVENTS_END]: 'true' });
  } else if (sendInitialEvents === 'false' && (!rv || rv === '0')) {
    // Explicitly no initial events: the changes from now on.
  } else if (!rv || rv === '0') {
    currentState();
  } else {
    const from = Number(rv);
    if (!Number.isFinite(from) || from < store.oldestWatchable - 1) {
      write('ERROR', {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${rv} (${store.oldestWatchable})`,
        reason: 'Expired',
        code: 410,
      });
      return void res.end();
    }
    for (const event of store.eventsSince(from)) if (matches(event)) sendEvent(event);
  }
  const unsubscribe = store.subscribe((event) => {
    if (matches(event)) sendEvent(event);
  });
  const timers: NodeJS.Timeout[] = [];
  const close = () => {
    unsubscribe();
    for (const timer of timers) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timeoutSeconds = Number(url.searchParams.get('timeoutSeconds') ?? '0');
  if (timeoutSeconds > 0) timers.push(setTimeout(close, timeoutSeconds * 1000));
  const cutAfter = faults.watchCutMs();
  if (cutAfter !== undefined) timers.push(setTimeout(() => res.destroy(), cutAfter));
  if (bookmarks) {
    // The watch cache's bookmarks (cacher.go defaultBookmarkFrequency, cache_watcher.go
    // nextBookmarkTime): about once a minute, and 2 s before the watch's deadline.
    const every = () => {
      bookmark();
      timers.push(setTimeout(every, context.bookmarkMs));
    };
    timers.push(setTimeout(every, context.bookmarkMs));
    if (timeoutSeconds > 2) timers.push(setTimeout(() => bookmark(), timeoutSeconds * 1000 - 2000));
  }
  req.on('close', close);
}

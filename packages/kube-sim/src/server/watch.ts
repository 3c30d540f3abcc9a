// Watches: newline-delimited JSON events from a resourceVersion on (or the current state first),
// 410 Expired past the remembered history, bookmarks, timeouts, and Tables for kubectl get -w.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock.js';
import type { FaultInjector } from '../faults.js';
import { apiVersionOf, type ResourceType } from '../resources.js';
import { matchesLabels, parseFieldSelector, parseLabelSelector } from '../selectors.js';
import type { KObject, Store, StoreEvent } from '../store.js';
import { table, wantsTable } from '../tables.js';
import { type Route, selectObjects, withTypeMeta } from './wire.js';

/** WatchContext is what a watch reads: the store, the clock (for ages in Tables) and injected faults. */
export interface WatchContext {
  store: Store;
  clock: Clock;
  faults: FaultInjector;
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
  if (!rv || rv === '0') {
    for (const object of selectObjects(store, target, url).filter(
      (o) => !target.name || o.metadata.name === target.name,
    ))
      write('ADDED', eventObject(target.resource, object));
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
  if (url.searchParams.get('allowWatchBookmarks') === 'true') {
    const bookmark = () => {
      write('BOOKMARK', {
        kind: target.resource.kind,
        apiVersion: apiVersionOf(target.resource),
        metadata: { resourceVersion: String(store.resourceVersion) },
      });
      timers.push(setTimeout(bookmark, 1000));
    };
    timers.push(setTimeout(bookmark, 1000));
  }
  req.on('close', close);
}

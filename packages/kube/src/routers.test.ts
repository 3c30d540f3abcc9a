import { describe, expect, it } from 'vitest';
import {
  checkRoute,
  httpRouteRouter,
  ingressRouter,
  ROUTERS,
  type RouteSettings,
  routeObject,
  routerFor,
  routerOf,
  serviceRouter,
  TRAFFIC_ANNOTATION,
} from './routers.js';
import type { TrafficState } from './traffic-state.js';

const base: RouteSettings = { service: 'shop', namespace: 'prod', labels: { team: 'a' }, hostnames: [], port: 8080 };
const gateway: RouteSettings = {
  ...base,
  gateway: { name: 'external', namespace: 'infra' },
  hostnames: ['shop.example'],
};
const ingress: RouteSettings = {
  ...base,
  port: 80,
  ingress: { host: 'shop.example', staticIpName: 'shop-ip', managedCertificates: ['shop-cert'] },
};
const inCluster: RouteSettings = base;
const canary: TrafficState = { strategy: 'canary', active: 'blue', candidate: 'green', weight: 30 };

describe('routers', () => {
  it.each([
    ['HTTPRoute', gateway, httpRouteRouter],
    ['Ingress', ingress, ingressRouter],
    ['Service', inCluster, serviceRouter],
  ])('%s: the settings choose the router, and read back from what it wrote', (kind, settings, router) => {
    expect(routerFor(settings)).toBe(router);
    const route = routeObject(settings, canary);
    expect(route.kind).toBe(kind);
    expect(routerOf(route)).toBe(router);
    expect(route.metadata?.annotations?.[TRAFFIC_ANNOTATION]).toBe(JSON.stringify(canary));
    expect(router.settingsOf(route, { ...base, port: 80 })).toEqual(settings);
  });

  it('looks for an HTTPRoute first, then an Ingress, then a Service', () => {
    expect(ROUTERS.map((r) => r.kind)).toEqual(['HTTPRoute', 'Ingress', 'Service']);
  });

  it('HTTPRoute: splits by weight and previews the candidate', () => {
    const spec = routeObject(gateway, canary).spec as {
      rules: { backendRefs: { name: string; weight: number }[] }[];
    };
    expect(spec.rules[0]?.backendRefs).toEqual([expect.objectContaining({ name: 'shop-web-green', weight: 1 })]);
    expect(spec.rules[1]?.backendRefs.map((b) => [b.name, b.weight])).toEqual([
      ['shop-web-blue', 70],
      ['shop-web-green', 30],
    ]);
  });

  it('Ingress: the host goes to the active slot, preview-<host> to the candidate', () => {
    const spec = routeObject(ingress, canary).spec as {
      rules: { host: string; http: { paths: { backend: { service: { name: string } } }[] } }[];
    };
    expect(spec.rules.map((r) => [r.host, r.http.paths[0]?.backend.service.name])).toEqual([
      ['shop.example', 'shop-web-blue'],
      ['preview-shop.example', 'shop-web-green'],
    ]);
  });

  it('Service: the selector follows the active slot', () => {
    const spec = routeObject(inCluster, { ...canary, candidate: undefined, active: 'green', weight: 0 }).spec as {
      selector: Record<string, string>;
    };
    expect(spec.selector['gke-deploy-actions/slot']).toBe('green');
  });

  it('HTTPRoute: accepted only once GKE reported on this generation, and refused in its words', () => {
    const route = { ...routeObject(gateway, canary), metadata: { name: 'shop-web', generation: 2 } };
    const withConditions = (generation: number, accepted: string, reason = 'Accepted') => ({
      ...route,
      status: {
        parents: [
          {
            conditions: [
              { type: 'Accepted', status: accepted, reason, observedGeneration: generation },
              { type: 'ResolvedRefs', status: 'True', observedGeneration: generation },
            ],
          },
        ],
      },
    });
    expect(checkRoute(route)).toBe(false);
    expect(checkRoute(withConditions(1, 'True'))).toBe(false);
    expect(checkRoute(withConditions(2, 'True'))).toBe(true);
    expect(() => checkRoute(withConditions(2, 'False', 'NotAllowedByListeners'))).toThrow(
      /^httproute\/shop-web is not accepted by its Gateway \(NotAllowedByListeners\)/,
    );
    expect(checkRoute(routeObject(ingress, canary))).toBe(true);
  });
});

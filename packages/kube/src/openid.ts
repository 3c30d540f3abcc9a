import type * as OpenId from 'openid-client';

/**
 * What client-node's OIDC auth provider calls of openid-client, as the bundles give it to it
 * (packages/build/build.mjs): openid-client (with oauth4webapi and jose) is loaded on the first
 * refresh of an expired ID token, not at every start of every cluster action; and the ways
 * client-node 2 misuses openid-client 6 are corrected here:
 * - it passes the issuer URL as a string, which discovery() refuses ("server" must be an instance
 *   of URL: kubernetes-client/javascript#2202), so no expired token was ever refreshed;
 * - its fetch for an IdP with its own certificate authority drops the request's headers (a
 *   Headers object), cannot send a form body, and answers with an object openid-client refuses
 *   ("response" must be an instance of Response): it is given plain headers and a string body,
 *   and its answer becomes a Response;
 * - it keeps `expiresIn()` (seconds left) as the token's expiry time (seconds since 1970), so every
 *   request after a refresh would refresh again: expiresIn() answers with the expiry time.
 */

let loading: Promise<typeof OpenId> | undefined;
const load = () => {
  loading ??= import('openid-client');
  return loading;
};

/** The key client-node gives its own fetch under (its IdP certificate authority); passed on as openid-client's. */
export const customFetch: unique symbol = Symbol('customFetch');

interface ResponseLike {
  status: number;
  statusText: string;
  headers: Headers;
  arrayBuffer(): Promise<ArrayBuffer>;
}
type ClientNodeFetch = (
  url: string,
  init?: { method?: string; headers?: unknown; body?: unknown },
) => Promise<ResponseLike>;

/** Statuses whose Response has no body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/** asFetch makes client-node's IdP fetch one openid-client can use (see above). */
function asFetch(clientNodeFetch: ClientNodeFetch) {
  return async (
    url: string,
    init: { method?: string; headers?: ConstructorParameters<typeof Headers>[0]; body?: unknown } = {},
  ) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = init.body instanceof URLSearchParams ? init.body.toString() : init.body;
    const answer = await clientNodeFetch(url, { ...init, headers, body });
    const content = NO_BODY.has(answer.status) ? null : await answer.arrayBuffer();
    return new Response(content, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };
}

export async function discovery(
  server: URL | string,
  clientId: string,
  metadata?: Parameters<typeof OpenId.discovery>[2],
  clientAuthentication?: Parameters<typeof OpenId.discovery>[3],
  options?: Record<PropertyKey, unknown>,
): Promise<OpenId.Configuration> {
  const openid = await load();
  const { [customFetch]: fetch, ...rest } = options ?? {};
  return openid.discovery(
    typeof server === 'string' ? new URL(server) : server,
    clientId,
    metadata,
    clientAuthentication,
    (fetch ? { ...rest, [openid.customFetch]: asFetch(fetch as ClientNodeFetch) } : rest) as Parameters<
      typeof OpenId.discovery
    >[4],
  );
}

export async function refreshTokenGrant(
  config: OpenId.Configuration,
  refreshToken: string,
): Promise<{ id_token?: string; refresh_token?: string; expiresIn(): number | undefined }> {
  const openid = await load();
  const answer = await openid.refreshTokenGrant(config, refreshToken);
  const expiresAt = answer.expires_in === undefined ? undefined : Math.floor(Date.now() / 1000) + answer.expires_in;
  return { id_token: answer.id_token, refresh_token: answer.refresh_token, expiresIn: () => expiresAt };
}

import type { SocksProxyAgent as Agent, SocksProxyAgentOptions } from 'socks-proxy-agent';

let loaded: typeof import('socks-proxy-agent') | undefined;

/**
 * loadSocksProxy loads the SOCKS proxy agent, which only kubeconfigs with a `socks5://`
 * proxy-url need (socks, ip-address and smart-buffer: about 17 ms of every start otherwise).
 * connect() calls it before such a kubeconfig makes its first connection.
 */
export async function loadSocksProxy(): Promise<void> {
  loaded ??= await import('socks-proxy-agent');
}

/**
 * SocksProxyAgent is what client-node's KubeConfig gets in the bundles when it imports
 * socks-proxy-agent (packages/build/build.mjs): the agent loadSocksProxy loaded.
 */
export const SocksProxyAgent = function SocksProxyAgent(url: string | URL, options?: SocksProxyAgentOptions): Agent {
  if (!loaded) throw new Error('the SOCKS proxy agent was not loaded before the kubeconfig made its agent');
  return new loaded.SocksProxyAgent(url, options);
} as unknown as typeof Agent;

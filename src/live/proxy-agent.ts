/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case), as curl and most tools read them: one http.Agent that picks,
 * per request, a CONNECT tunnel (https-proxy-agent), a forwarding proxy (http-proxy-agent) or a direct connection,
 * from what proxy-from-env says about the request's URL. (`proxy-agent` does the same but brings PAC and SOCKS
 * support with a JavaScript engine for PAC files: megabytes for a CLI and its action bundle.) Loopback is not
 * exempt by itself, as in curl: list 127.0.0.1 in NO_PROXY to reach the emulator directly.
 */
import { Agent as HttpAgent, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';

type Env = Readonly<Record<string, string | undefined>>;

const PROXY_VARIABLES = ['https_proxy', 'http_proxy', 'all_proxy'];

/** Whether the environment names a proxy at all (else pcc keeps the SDK's own agents). */
export function proxyConfigured(env: Env): boolean {
  return PROXY_VARIABLES.some((name) => env[name] || env[name.toUpperCase()]);
}

class EnvProxyAgent extends Agent {
  readonly #direct = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  readonly #viaProxy = new Map<string, HttpAgent>();

  override connect(req: ClientRequest, options: AgentConnectOpts): HttpAgent {
    const scheme = options.secureEndpoint ? 'https' : 'http';
    const proxy = getProxyForUrl(`${scheme}://${req.host}:${options.port}${req.path}`);
    if (!proxy) return this.#direct[scheme];
    const key = `${scheme} ${proxy}`;
    let agent = this.#viaProxy.get(key);
    if (!agent) {
      // A forwarding proxy gets a connection per request: http-proxy-agent rewrites the request line to the absolute
      // URL when it connects, and a kept-alive connection would send the next request's line unrewritten.
      agent = scheme === 'https' ? new HttpsProxyAgent(proxy, { keepAlive: true }) : new HttpProxyAgent(proxy, { keepAlive: false });
      this.#viaProxy.set(key, agent);
    }
    return agent;
  }

  override destroy(): void {
    for (const agent of [this.#direct.http, this.#direct.https, ...this.#viaProxy.values()]) agent.destroy();
    super.destroy();
  }
}

/** The agent for both schemes when a proxy variable is set, else undefined. */
export function proxyAgentFromEnv(env: Env): HttpAgent | undefined {
  return proxyConfigured(env) ? new EnvProxyAgent({ keepAlive: true }) : undefined;
}

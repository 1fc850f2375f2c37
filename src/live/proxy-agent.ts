/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case), as curl and most tools read them: one http.Agent that picks,
 * per request, a CONNECT tunnel (https-proxy-agent), a forwarding proxy (http-proxy-agent) or a direct connection,
 * from what proxy-from-env says about the request's URL. (`proxy-agent` does the same but brings PAC and SOCKS
 * support with a JavaScript engine for PAC files: megabytes for a CLI and its action bundle.) Loopback is not
 * exempt by itself, as in curl: list 127.0.0.1 in NO_PROXY to reach the emulator directly.
 *
 * NO_PROXY is read as curl reads it before proxy-from-env is asked (whose matching is narrower): a name matches
 * itself and every name under it (`example.com` and `.example.com` both cover `example.com` and `a.example.com`,
 * as `*.example.com` does), `*` alone matches everything, an IP address matches itself and a CIDR block
 * (`10.0.0.0/8`, `fd00::/8`) its addresses; `host:port` only that port. Letter case and a trailing dot do not count.
 */
import { Agent as HttpAgent, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';

type Env = Readonly<Record<string, string | undefined>>;

const PROXY_VARIABLES = ['https_proxy', 'http_proxy', 'all_proxy'];

/** Whether the environment names a proxy at all (else pcc keeps the SDK's own agents). */
function proxyConfigured(env: Env): boolean {
  return PROXY_VARIABLES.some((name) => env[name] || env[name.toUpperCase()]);
}

/** A host name or address as NO_PROXY compares it: lower case, without brackets or a trailing dot. */
const bareHost = (host: string) =>
  host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');

/** One NO_PROXY entry against a request's host and port, as curl matches it (see the file's comment). */
function entryMatches(entry: string, host: string, port: number): boolean {
  let name = entry;
  const withPort = /^(.*[^:]):(\d+)$/.exec(entry);
  // `host:port`, `[v6]:port`; a bare IPv6 address (colons, no brackets) has no port.
  if (withPort && (isIP(bareHost(withPort[1] ?? '')) !== 6 || withPort[1]?.startsWith('['))) {
    if (Number(withPort[2]) !== port) return false;
    name = withPort[1] ?? '';
  }
  name = bareHost(name.replace(/^\*?\.?/, ''));
  if (name === '') return false;
  const slash = name.indexOf('/');
  if (slash > 0 && isIP(host) !== 0) {
    const address = name.slice(0, slash);
    const prefix = Number(name.slice(slash + 1));
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(address) === 0 || !Number.isInteger(prefix) || isIP(host) !== (family === 'ipv6' ? 6 : 4)) return false;
    const block = new BlockList();
    try {
      block.addSubnet(address, prefix, family);
    } catch {
      return false;
    }
    return block.check(host, family);
  }
  return host === name || (isIP(host) === 0 && host.endsWith(`.${name}`));
}

/** Whether NO_PROXY (either case) sends a request to this host and port directly. */
function bypassesProxy(env: Env, host: string, port: number): boolean {
  const noProxy = (env.no_proxy || env.NO_PROXY || '').trim();
  if (noProxy === '') return false;
  if (noProxy === '*') return true;
  const bare = bareHost(host);
  return noProxy.split(/[,\s]+/).some((entry) => entry !== '' && entryMatches(entry.toLowerCase(), bare, port));
}

class EnvProxyAgent extends Agent {
  readonly #env: Env;

  constructor(env: Env) {
    super({ keepAlive: true });
    this.#env = env;
  }

  readonly #direct = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  readonly #viaProxy = new Map<string, HttpAgent>();

  override connect(req: ClientRequest, options: AgentConnectOpts): HttpAgent {
    const scheme = options.secureEndpoint ? 'https' : 'http';
    if (bypassesProxy(this.#env, req.host, options.port)) return this.#direct[scheme];
    const host = isIP(req.host) === 6 ? `[${req.host}]` : req.host;
    const proxy = getProxyForUrl(`${scheme}://${host}:${options.port}${req.path}`);
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
  return proxyConfigured(env) ? new EnvProxyAgent(env) : undefined;
}

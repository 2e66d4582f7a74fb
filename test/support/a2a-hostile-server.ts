/**
 * Loopback HTTP servers that break A2A on purpose (a card that does not parse, HTML, a stream that never ends or
 * sends garbage, a redirect to another host), and a proxy in front of a real SDK agent that drops a request after
 * reading it. What they send is written by hand because it is wrong on purpose; the console reads it with the SDK.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function hostileServer(handle: (req: http.IncomingMessage, res: http.ServerResponse, url: string) => void): Promise<HostileServer> {
  let base = '';
  const server = http.createServer((req, res) => handle(req, res, base));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A valid card (as the SDK's server writes it) whose JSON-RPC interface is at `url`. */
export function cardJson(url: string, name = 'Hostile agent'): string {
  return JSON.stringify({
    name,
    description: 'Breaks the rules on purpose.',
    supportedInterfaces: [{ url: `${url}/`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '1.0' }],
    version: '0.0.1',
    capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ['text'],
    defaultOutputModes: ['text'],
    skills: [],
    documentationUrl: '',
    signatures: [],
  });
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => resolve(body));
  });
}

/**
 * A proxy in front of an agent: serves the agent's card with its interface pointed at the proxy, and forwards every
 * call, except that the first `drop` calls are read in full and then cut off with no answer (they reached the agent
 * as far as the console can tell).
 */
export async function droppingProxy(target: string, drop: number): Promise<HostileServer & { dropped: () => number }> {
  let dropped = 0;
  const server = await hostileServer((req, res, url) => {
    void (async () => {
      if (req.method === 'GET') {
        const card = (await (await fetch(`${target}${req.url}`)).json()) as { supportedInterfaces: Array<{ url: string }> };
        for (const i of card.supportedInterfaces) i.url = `${url}/`;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(card));
        return;
      }
      const body = await readBody(req);
      if (dropped < drop) {
        dropped++;
        req.socket.destroy();
        return;
      }
      const forwarded = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forwarded.end(body);
    })();
  });
  return Object.assign(server, { dropped: () => dropped });
}

// A local HTTP(S) proxy for the Firefox rig: Firefox has no request interception like Playwright's
// context.route, so every page and vendor URL a test needs goes through this proxy on 127.0.0.1. It
// answers plain-HTTP requests (absolute URLs) and CONNECT tunnels, terminating TLS itself with a throwaway
// self-signed certificate made at start (openssl CLI; Firefox runs with acceptInsecureCerts). What each
// URL gets is up to a pluggable resolver: url → { status, headers, body } | null; null (or a throw)
// drops the connection, which the browser sees as a network error (the machine is offline anyway).
// Types: proxy.d.mts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The hosts the certificate names (the fixture origins and every vendor host the tests load). */
export const CERT_HOSTS = [
  'site.test',
  'other.test',
  'www.google.com',
  'google.com',
  'www.recaptcha.net',
  'recaptcha.net',
  'www.gstatic.com',
  'js.hcaptcha.com',
  'hcaptcha.com',
  '*.hcaptcha.com',
  'challenges.cloudflare.com',
];

/**
 * A self-signed certificate (1 day, EC P-256) for `hosts`, made by the openssl CLI in a temp folder that
 * is removed again. Node's crypto can make keys but not X.509 certificates.
 * @param {string[]} [hosts]
 * @returns {{ key: string, cert: string }}
 */
export function selfSignedCert(hosts = CERT_HOSTS) {
  const dir = mkdtempSync(join(tmpdir(), 'anysolver-proxy-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=anysolver-test-proxy',
        '-addext',
        `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } catch (e) {
    throw new Error(
      `could not make the proxy's certificate with the openssl CLI (is openssl installed?): ${e}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Start the proxy on 127.0.0.1 (a free port unless `port` is given).
 * @param {import('./proxy.d.mts').ProxyOptions} options
 * @returns {Promise<import('./proxy.d.mts').TestProxy>}
 */
export async function startProxy(options) {
  const { resolve } = options;
  const tls = options.tls ?? selfSignedCert();
  /** @type {import('./proxy.d.mts').ProxyLogEntry[]} */
  const log = [];
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const track = (/** @type {import('node:net').Socket} */ s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  };

  /**
   * @param {string} url
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function answer(url, req, res) {
    // Drain the request body (none of the fixtures look at it).
    req.resume();
    /** @type {import('./proxy.d.mts').ProxyResponse | null} */
    let reply = null;
    try {
      reply = await resolve(url, { method: req.method ?? 'GET', headers: req.headers });
    } catch (e) {
      log.push({ url, method: req.method ?? 'GET', status: 0, error: String(e) });
      res.socket?.destroy();
      return;
    }
    if (!reply) {
      log.push({ url, method: req.method ?? 'GET', status: 0 });
      res.socket?.destroy();
      return;
    }
    const status = reply.status ?? 200;
    log.push({ url, method: req.method ?? 'GET', status });
    const body = reply.body == null ? '' : reply.body;
    res.writeHead(status, { 'cache-control': 'no-store', ...reply.headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  // The TLS side: never listens itself, gets each CONNECT tunnel's socket.
  const https = createHttpsServer(
    { key: tls.key, cert: tls.cert, ALPNProtocols: ['http/1.1'] },
    (req, res) => {
      answer(`https://${req.headers.host}${req.url}`, req, res);
    },
  );
  https.on('tlsClientError', () => {});

  const server = createHttpServer((req, res) => {
    // A proxied plain-HTTP request carries the absolute URL.
    if (!/^http:\/\//.test(req.url ?? '')) return res.writeHead(400).end('proxy: absolute URL expected');
    answer(req.url ?? '', req, res);
  });
  server.on('connection', track);
  server.on('connect', (req, socket, head) => {
    track(/** @type {import('node:net').Socket} */ (socket));
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head?.length) socket.unshift(head);
    https.emit('connection', socket);
    log.push({ url: `connect://${req.url}`, method: 'CONNECT', status: 200 });
  });
  server.on('clientError', (_e, socket) => socket.destroy());

  await new Promise((r) => server.listen(options.port ?? 0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    log,
    cert: tls.cert,
    served: (pattern) =>
      log.filter(
        (e) =>
          e.method !== 'CONNECT' &&
          e.status > 0 &&
          (typeof pattern === 'string' ? e.url.startsWith(pattern) : pattern.test(e.url)),
      ),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(() => r(undefined)));
      https.close();
    },
  };
}

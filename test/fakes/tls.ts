// A self-signed certificate for 127.0.0.1, made once per machine with openssl, so the fakes can speak
// HTTPS: msal-node refuses an http authority and the Graph client only sends its token over https.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { ensureDebian } from '../../scripts/ensure-debian.mjs';

export interface TestTls {
  key: string;
  cert: string;
  /** For a child process: NODE_EXTRA_CA_CERTS=certFile makes it trust the fakes. */
  certFile: string;
}

let cached: TestTls | undefined;

export function testTls(): TestTls {
  if (cached) return cached;
  const dir = join(tmpdir(), 'samtale-test-tls-v1');
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  if (!existsSync(certFile)) {
    // Made in a private folder and renamed into place whole, so concurrent test files never mix a
    // key from one run with a certificate from another.
    ensureDebian('openssl');
    const mine = `${dir}.${process.pid}`;
    mkdirSync(mine, { recursive: true });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(mine, 'key.pem'),
        '-out',
        join(mine, 'cert.pem'),
        '-days',
        '3650',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
    try {
      renameSync(mine, dir);
    } catch {
      rmSync(mine, { recursive: true, force: true });
    }
  }
  cached = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
  return cached;
}

/** Makes this process (fetch and https alike) trust the fakes' certificate, as NODE_EXTRA_CA_CERTS would. */
export function trustTestTls(): TestTls {
  const tls = testTls();
  const current = getCACertificates('default');
  if (!current.includes(tls.cert)) setDefaultCACertificates([...current, tls.cert]);
  return tls;
}

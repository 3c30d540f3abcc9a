import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Certificates are a throw-away CA (its key too, to sign client certificates) and a server certificate it signed, in PEM. */
export interface Certificates {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
}

/** ClientCertificate is a client certificate and its key, in PEM, as a kubeconfig user holds them. */
export interface ClientCertificate {
  cert: string;
  key: string;
}

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'pipe' });
}

/** inTempDir runs work with a throw-away directory's file paths, then removes the directory. */
function inTempDir<T>(work: (file: (name: string) => string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'certs-'));
  try {
    return work((name) => path.join(dir, name));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** signedBy makes a key and a certificate for subject, signed by the CA, valid for two days. */
function signedBy(
  certs: Pick<Certificates, 'caCert' | 'caKey'>,
  subject: string,
  extensions: string,
  file: (name: string) => string,
): { cert: string; key: string } {
  writeFileSync(file('ca.crt'), certs.caCert);
  writeFileSync(file('ca.key'), certs.caKey, { mode: 0o600 });
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    file('leaf.key'),
    '-out',
    file('leaf.csr'),
    '-subj',
    subject,
  );
  writeFileSync(file('ext'), extensions);
  openssl(
    'x509',
    '-req',
    '-in',
    file('leaf.csr'),
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('leaf.crt'),
    '-days',
    '2',
    '-extfile',
    file('ext'),
  );
  return { cert: readFileSync(file('leaf.crt'), 'utf8'), key: readFileSync(file('leaf.key'), 'utf8') };
}

/**
 * createClientCertificate makes a client certificate the CA signed, for the user `user` in the
 * groups given, as kube-apiserver reads them (CN, O): what a kubeconfig's client-certificate-data
 * and client-key-data hold.
 */
export function createClientCertificate(
  certs: Pick<Certificates, 'caCert' | 'caKey'>,
  user: string,
  groups: string[] = [],
): ClientCertificate {
  const subject = `${groups.map((group) => `/O=${group}`).join('')}/CN=${user}`;
  return inTempDir((file) =>
    signedBy(certs, subject, 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n', file),
  );
}

/**
 * createHostCertificate makes a server certificate for a host name, signed by the CA: what a
 * load balancer or a public API answers with, for clients that trust the CA.
 */
export function createHostCertificate(
  certs: Pick<Certificates, 'caCert' | 'caKey'>,
  host: string,
): { cert: string; key: string } {
  if (!/^[a-z0-9.-]+$/i.test(host))
    throw new Error(`createHostCertificate: ${JSON.stringify(host)} is not a host name`);
  return inTempDir((file) =>
    signedBy(certs, `/CN=${host}`, `subjectAltName=DNS:${host}\nbasicConstraints=CA:FALSE\n`, file),
  );
}

/**
 * createCertificates makes a throw-away CA and a server certificate for 127.0.0.1 and localhost
 * with openssl (on every Debian, Ubuntu and GitHub runner), valid for two days.
 */
export function createCertificates(): Certificates {
  return inTempDir((file) => {
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.crt'),
      '-days',
      '2',
      '-subj',
      '/CN=Test CA',
    );
    const ca = { caCert: readFileSync(file('ca.crt'), 'utf8'), caKey: readFileSync(file('ca.key'), 'utf8') };
    const server = signedBy(
      ca,
      '/CN=127.0.0.1',
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n',
      file,
    );
    return { ...ca, serverCert: server.cert, serverKey: server.key };
  });
}

import { SMTPServer } from 'smtp-server';
import type { TestCertificates } from './http-server.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user?: string;
  secure: boolean;
}

export interface TestSmtpServer {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export interface SmtpServerOptions {
  certs: TestCertificates;
  /** Implicit TLS (port-465 style) instead of STARTTLS. */
  implicitTls?: boolean;
  users?: Record<string, string>;
  /** Answer the first N messages with this temporary error (e.g. 451). */
  transientFailures?: number;
}

/** startSmtpServer is a real SMTP server on loopback (STARTTLS or implicit TLS, AUTH PLAIN/LOGIN) that keeps every message. */
export async function startSmtpServer(options: SmtpServerOptions): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  let failuresLeft = options.transientFailures ?? 0;
  const server = new SMTPServer({
    secure: options.implicitTls ?? false,
    key: options.certs.serverKey,
    cert: options.certs.serverCert,
    authOptional: !options.users,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.users?.[auth.username ?? ''] === auth.password) return callback(null, { user: auth.username });
      const error = new Error('Authentication failed') as Error & { responseCode: number };
      error.responseCode = 535;
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft--;
          const error = new Error('Try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
          secure: session.secure,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  return {
    port: address.port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

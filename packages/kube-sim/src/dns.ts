// The public DNS the simulated GKE sees: the test decides each name's A and CAA records, GKE's
// certificate controller validates domains against them, and serve() answers the same records over
// UDP on loopback so that an action (or dig) resolves exactly what the controller saw.
import { createSocket, type Socket } from 'node:dgram';
import dnsPacket from 'dns-packet';

/** A CAA record (RFC 8659): which certificate authorities may issue for the name and below. */
export interface CaaRecord {
  tag: 'issue' | 'issuewild' | 'iodef';
  value: string;
  flags?: number;
}

export interface DnsRecords {
  /** IPv4 addresses the name resolves to. */
  a?: string[];
  /** CAA records; 'servfail': the name's DNS provider fails CAA queries (GKE: FailedCaaChecking). */
  caa?: CaaRecord[] | 'servfail';
}

/** What the CAA check of a domain finds, climbing the tree as a certificate authority does. */
export type CaaAnswer = { records: CaaRecord[] } | 'servfail';

const RCODES = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3 } as const;

const normal = (name: string) => name.toLowerCase().replace(/\.$/, '');

export class DnsZone {
  private readonly names = new Map<string, DnsRecords>();
  private socket?: Socket;

  /** set replaces a name's records. */
  set(name: string, records: DnsRecords): void {
    this.names.set(normal(name), records);
  }

  delete(name: string): void {
    this.names.delete(normal(name));
  }

  /** addresses are a name's A records (none when it does not exist). */
  addresses(name: string): string[] {
    return this.names.get(normal(name))?.a ?? [];
  }

  /**
   * caa finds the CAA records that govern a name: its own, else its parent's, up the tree
   * (RFC 8659 section 3); a provider that fails a CAA query on the way fails the check.
   */
  caa(name: string): CaaAnswer {
    const labels = normal(name).split('.');
    for (let i = 0; i < labels.length; i++) {
      const records = this.names.get(labels.slice(i).join('.'))?.caa;
      if (records === 'servfail') return 'servfail';
      if (records && records.length > 0) return { records };
    }
    return { records: [] };
  }

  /** serve answers A and CAA queries over UDP on 127.0.0.1 and returns `127.0.0.1:<port>`. */
  async serve(port = 0): Promise<string> {
    if (this.socket) throw new Error('kube-sim: the DNS server is already serving');
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (message, peer) => {
      let answer: Buffer;
      try {
        answer = this.answer(message);
      } catch {
        return; // Not a DNS query: real servers drop it too.
      }
      socket.send(answer, peer.port, peer.address);
    });
    await new Promise<void>((resolve) => socket.bind(port, '127.0.0.1', resolve));
    return `127.0.0.1:${socket.address().port}`;
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private answer(message: Buffer): Buffer {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    // The response code is the low four bits of the flags.
    const reply = (rcode: keyof typeof RCODES, answers: dnsPacket.Answer[] = []) =>
      dnsPacket.encode({
        type: 'response',
        id: query.id,
        flags:
          dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | dnsPacket.AUTHORITATIVE_ANSWER | RCODES[rcode],
        questions: query.questions,
        answers,
      });
    if (!question) return reply('FORMERR');
    const records = this.names.get(normal(question.name));
    if (question.type === 'CAA' && records?.caa === 'servfail') return reply('SERVFAIL');
    if (!records) return reply('NXDOMAIN');
    if (question.type === 'A')
      return reply(
        'NOERROR',
        (records.a ?? []).map((address) => ({ type: 'A', name: question.name, ttl: 60, data: address })),
      );
    if (question.type === 'CAA' && Array.isArray(records.caa))
      return reply(
        'NOERROR',
        records.caa.map((record) => ({
          type: 'CAA',
          name: question.name,
          ttl: 60,
          data: { flags: record.flags ?? 0, tag: record.tag, value: record.value },
        })),
      );
    return reply('NOERROR');
  }
}

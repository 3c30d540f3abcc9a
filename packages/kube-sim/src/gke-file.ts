// GKE outside the cluster from a YAML file, for the CLI's --gke: reserved addresses, public DNS
// and rate-limited domains, so a person can watch ensure-cert provision (or fail) from the shell.
//
//   addresses:
//     auth-dev-ip: 34.120.0.20                         # global
//     old-ip: {address: 35.1.2.3, region: us-west1}    # regional: GKE's Ingress cannot use it
//   dns:
//     api-auth-dev.example.com: {a: [34.120.0.20]}
//     example.com: {caa: [{tag: issue, value: pki.goog}]}
//     broken.example.com: {a: [34.120.0.20], caa: servfail}
//   rateLimited: [busy.example.com]
import type { CaaRecord, DnsRecords } from './dns.js';
import type { GkeModel } from './gke.js';
import { checkFields, isMapping, parseYaml, SimFileError } from './images-file.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function address(where: string, value: unknown): string {
  if (typeof value !== 'string' || !IPV4.test(value))
    throw new SimFileError(`${where} must be an IPv4 address, got ${JSON.stringify(value)}`);
  return value;
}

function caaRecords(where: string, value: unknown): CaaRecord[] | 'servfail' {
  if (value === 'servfail') return value;
  if (!Array.isArray(value)) throw new SimFileError(`${where} must be a list of {tag, value} records, or servfail`);
  return value.map((record, index) => {
    const at = `${where}[${index}]`;
    if (!isMapping(record)) throw new SimFileError(`${at} must be a mapping with tag and value`);
    checkFields(at, record, new Set(['tag', 'value', 'flags']));
    if (!['issue', 'issuewild', 'iodef'].includes(String(record.tag)))
      throw new SimFileError(`${at}.tag must be issue, issuewild or iodef, got ${JSON.stringify(record.tag)}`);
    return { tag: record.tag as CaaRecord['tag'], value: String(record.value ?? ''), flags: Number(record.flags ?? 0) };
  });
}

/** GkeFile is what a --gke file says, ready to load into a GkeModel. */
export interface GkeFile {
  addresses: [string, string, string | undefined][];
  dns: [string, DnsRecords][];
  rateLimited: string[];
}

/** parseGkeFile reads a --gke file, naming the field of the first mistake. */
export function parseGkeFile(text: string): GkeFile {
  const document = parseYaml(text);
  if (!isMapping(document)) throw new SimFileError('must be a mapping with addresses, dns or rateLimited');
  checkFields('the file', document, new Set(['addresses', 'dns', 'rateLimited']));
  const file: GkeFile = { addresses: [], dns: [], rateLimited: [] };
  if (document.addresses !== undefined) {
    if (!isMapping(document.addresses)) throw new SimFileError('addresses must map names to addresses');
    for (const [name, value] of Object.entries(document.addresses)) {
      const where = `addresses.${name}`;
      if (isMapping(value)) {
        checkFields(where, value, new Set(['address', 'region']));
        file.addresses.push([
          name,
          address(`${where}.address`, value.address),
          value.region === undefined ? undefined : String(value.region),
        ]);
      } else file.addresses.push([name, address(where, value), undefined]);
    }
  }
  if (document.dns !== undefined) {
    if (!isMapping(document.dns)) throw new SimFileError('dns must map names to their records');
    for (const [name, value] of Object.entries(document.dns)) {
      const where = `dns.${name}`;
      if (!isMapping(value)) throw new SimFileError(`${where} must be a mapping with a or caa`);
      checkFields(where, value, new Set(['a', 'caa']));
      const records: DnsRecords = {};
      if (value.a !== undefined) {
        if (!Array.isArray(value.a)) throw new SimFileError(`${where}.a must be a list of IPv4 addresses`);
        records.a = value.a.map((entry, index) => address(`${where}.a[${index}]`, entry));
      }
      if (value.caa !== undefined) records.caa = caaRecords(`${where}.caa`, value.caa);
      file.dns.push([name, records]);
    }
  }
  if (document.rateLimited !== undefined) {
    if (!Array.isArray(document.rateLimited)) throw new SimFileError('rateLimited must be a list of domains');
    file.rateLimited = document.rateLimited.map(String);
  }
  return file;
}

/** loadGkeFile puts what the file says into the simulated GKE. */
export function loadGkeFile(gke: GkeModel, file: GkeFile): void {
  for (const [name, ip, region] of file.addresses) gke.reserveAddress(name, ip, region ? { region } : {});
  for (const [name, records] of file.dns) gke.dns.set(name, records);
  for (const domain of file.rateLimited) gke.rateLimit(domain);
}

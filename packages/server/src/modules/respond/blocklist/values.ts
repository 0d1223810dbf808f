// What may go on a block list, recognised from the value itself: an IPv4 or IPv6 address, a CIDR
// network, a domain name or an http(s) URL. Values are normalised (lower-case hosts, compressed
// IPv6, networks to their first address) so the same thing is listed once.
import { isIP, SocketAddress } from 'node:net';
import { domainToASCII } from 'node:url';
import type { BlocklistKind } from '@bulwark/contracts';

export class BlocklistValueError extends Error {
  override name = 'BlocklistValueError';
}

const MAX_CHARS = 2048;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function normalIp(v: string): string {
  return new SocketAddress({ address: v, family: isIP(v) === 6 ? 'ipv6' : 'ipv4' }).address;
}

function network(v: string): string {
  const [addr = '', bitsText = ''] = v.split('/');
  const family = isIP(addr);
  const bits = Number(bitsText);
  if (!family || !/^\d{1,3}$/.test(bitsText) || bits > (family === 4 ? 32 : 128)) throw new BlocklistValueError(`${v} is not a CIDR network`);
  if (family === 4) {
    const n = addr.split('.').reduce((a, o) => a * 256 + Number(o), 0);
    const masked = bits === 0 ? 0 : Math.floor(n / 2 ** (32 - bits)) * 2 ** (32 - bits);
    return `${[24, 16, 8, 0].map((s) => Math.floor(masked / 2 ** s) % 256).join('.')}/${bits}`;
  }
  const full = normalIp(addr);
  const groups = expand6(full);
  let big = groups.reduce((a, g) => (a << 16n) | BigInt(g), 0n);
  big &= bits === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - bits)) - 1n);
  const parts = Array.from({ length: 8 }, (_, i) => Number((big >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return `${normalIp(parts.join(':'))}/${bits}`;
}

function expand6(a: string): number[] {
  const [head = '', tail] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - h.length - t.length;
  return [...h, ...Array<string>(zeros).fill('0'), ...t].map((x) => parseInt(x, 16));
}

function domain(v: string): string | undefined {
  const ascii = domainToASCII(v.replace(/\.$/, '').toLowerCase());
  if (!ascii || ascii.length > 253 || !ascii.includes('.')) return undefined;
  return ascii.split('.').every((l) => LABEL.test(l)) ? ascii : undefined;
}

/** The kind and normal form of a value, or a BlocklistValueError saying what is wrong. */
export function classify(raw: string): { kind: BlocklistKind; value: string } {
  const v = raw.trim();
  if (!v) throw new BlocklistValueError('the value is empty');
  if (v.length > MAX_CHARS) throw new BlocklistValueError(`the value is longer than ${MAX_CHARS} characters`);
  if (isIP(v)) return { kind: isIP(v) === 4 ? 'ipv4' : 'ipv6', value: normalIp(v) };
  if (v.includes('/') && isIP(v.split('/')[0] ?? '')) return { kind: 'cidr', value: network(v) };
  if (/^https?:\/\//i.test(v)) {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      throw new BlocklistValueError(`${v.slice(0, 100)} is not a valid URL`);
    }
    if (u.username || u.password) throw new BlocklistValueError('a URL on the block list must not carry credentials');
    u.hash = '';
    return { kind: 'url', value: u.toString() };
  }
  const d = domain(v);
  if (d) return { kind: 'domain', value: d };
  throw new BlocklistValueError(`${v.slice(0, 100)} is not an IP address, CIDR network, domain name or http(s) URL`);
}

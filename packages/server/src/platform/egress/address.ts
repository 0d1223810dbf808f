// Which addresses an outbound request may reach: public unicast only, unless explicitly allowed.
import { BlockList, isIP } from 'node:net';

const DENY_V4 = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const;
const DENY_V6 = [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 32], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const;

const denied = new BlockList();
for (const [net, bits] of DENY_V4) denied.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of DENY_V6) denied.addSubnet(net, bits, 'ipv6');

/** Parses `10.1.0.0/16, fd00::/8, 192.0.2.7` into a block list of explicitly allowed destinations. */
export function parseAllowList(spec: string): BlockList {
  const list = new BlockList();
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [addr, bitsText] = raw.split('/') as [string, string | undefined];
    const family = isIP(addr);
    if (family === 0) throw new Error(`"${raw}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bitsText === undefined) list.addAddress(addr, type);
    else {
      const bits = Number(bitsText);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) throw new Error(`"${raw}" has a bad prefix length`);
      list.addSubnet(addr, bits, type);
    }
  }
  return list;
}

/** Why an address may not be reached, or undefined when it may. IPv4-mapped IPv6 is judged as IPv4. */
export function refusal(address: string, allow?: BlockList): string | undefined {
  const family = isIP(address);
  if (family === 0) return `"${address}" is not an IP address`;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const [addr, type] = mapped ? [mapped[1]!, 'ipv4' as const] : [address, family === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  if (allow?.check(addr, type)) return undefined;
  if (denied.check(addr, type)) return `${address} is a loopback, private, link-local or reserved address`;
  return undefined;
}

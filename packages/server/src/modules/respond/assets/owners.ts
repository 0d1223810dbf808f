// Asset owners: who is responsible for a host or an address, from the organisation's list (host name
// patterns with `*`, addresses, CIDR networks; the first entry that matches answers). What the
// `enrich.owner` playbook action and responders look up.
import { BlockList, isIP } from 'node:net';
import type { AssetOwner } from '@bulwark/contracts';

export class AssetListError extends Error {
  override name = 'AssetListError';
}

interface Compiled {
  readonly entry: AssetOwner;
  readonly host?: RegExp;
  readonly net?: BlockList;
}

function compile(entry: AssetOwner, i: number): Compiled {
  const m = entry.match.trim();
  if (isIP(m)) {
    const net = new BlockList();
    net.addAddress(m, isIP(m) === 4 ? 'ipv4' : 'ipv6');
    return { entry, net };
  }
  const cidr = /^([^/]+)\/(\d{1,3})$/.exec(m);
  if (cidr && isIP(cidr[1]!)) {
    const family = isIP(cidr[1]!);
    const bits = Number(cidr[2]);
    if (bits > (family === 4 ? 32 : 128)) throw new AssetListError(`assets[${i}].match: ${m} has a bad prefix length`);
    const net = new BlockList();
    net.addSubnet(cidr[1]!, bits, family === 4 ? 'ipv4' : 'ipv6');
    return { entry, net };
  }
  if (!/^[A-Za-z0-9*._-]+$/.test(m)) throw new AssetListError(`assets[${i}].match: ${JSON.stringify(m)} is not a host name pattern, address or network`);
  // `*` only: no other pattern syntax, so a pattern is linear to match.
  const re = new RegExp(`^${m.toLowerCase().split('*').map((p) => p.replace(/[.\\-]/g, (c) => `\\${c}`)).join('.*')}$`);
  return { entry, host: re };
}

export function compileAssets(list: readonly AssetOwner[]): (value: string) => AssetOwner | undefined {
  const compiled = list.map(compile);
  return (value: string) => {
    const v = value.trim();
    const family = isIP(v);
    for (const c of compiled) {
      if (family && c.net?.check(v, family === 4 ? 'ipv4' : 'ipv6')) return c.entry;
      if (!family && c.host?.test(v.toLowerCase())) return c.entry;
    }
    return undefined;
  };
}

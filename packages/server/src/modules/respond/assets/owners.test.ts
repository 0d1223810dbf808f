import { describe, expect, it } from 'vitest';
import { AssetListError, compileAssets } from './owners.ts';

describe('asset owners', () => {
  const find = compileAssets([
    { match: 'mail-*.ministry.example', owner: 'Messaging team', contact: 'messaging@ministry.example', criticality: 'high' },
    { match: '10.20.0.0/16', owner: 'Data centre' },
    { match: '2001:db8::/32', owner: 'IPv6 lab' },
    { match: '198.51.100.7', owner: 'Web front end' },
    { match: '*', owner: 'Service desk' },
  ]);
  it('answers with the first entry that matches a host, an address or a network', () => {
    expect(find('MAIL-01.ministry.example')?.owner).toBe('Messaging team');
    expect(find('10.20.3.4')?.owner).toBe('Data centre');
    expect(find('2001:db8::5')?.owner).toBe('IPv6 lab');
    expect(find('198.51.100.7')?.owner).toBe('Web front end');
    expect(find('ws-17.corp.example')?.owner).toBe('Service desk');
    expect(find('10.21.0.1')).toBeUndefined(); // addresses are not host names
    expect(find('mailx01.ministry.example')?.owner).toBe('Service desk'); // the dot is literal
  });
  it('says which entry is wrong', () => {
    expect(() => compileAssets([{ match: '10.0.0.0/40', owner: 'x' }])).toThrow(AssetListError);
    expect(() => compileAssets([{ match: 'ok.example', owner: 'x' }, { match: 'bad host(', owner: 'y' }])).toThrow(/assets\[1\]/);
  });
});

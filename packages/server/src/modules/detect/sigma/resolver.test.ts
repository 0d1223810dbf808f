// Field resolution across event shapes.
import { describe, expect, it } from 'vitest';
import { fieldResolver, mappedAccessor } from './resolver.ts';

const evtx = {
  Event: {
    '#attributes': { xmlns: 'x' },
    System: {
      Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon', Guid: '{5770}' } },
      EventID: 1,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'ws1',
      Execution: { '#attributes': { ProcessID: 3168 } },
      Security: { '#attributes': { UserID: 'S-1-5-18' } },
      Correlation: null,
    },
    EventData: { Image: 'C:\\a.exe', 'Threat Name': 'EICAR', Empty: null },
  },
};

describe('fieldResolver', () => {
  const get = fieldResolver(evtx);
  it.each([
    ['Image', 'C:\\a.exe'],
    ['EventID', 1],
    ['Channel', 'Microsoft-Windows-Sysmon/Operational'],
    ['Computer', 'ws1'],
    ['Provider_Name', 'Microsoft-Windows-Sysmon'],
    ['Execution_ProcessID', 3168],
    ['Security_UserID', 'S-1-5-18'],
    ['ThreatName', 'EICAR'],
    ['Threat Name', 'EICAR'],
    ['Event.System.Computer', 'ws1'],
    ['Missing', undefined],
    ['Empty', null],
    ['Correlation', null],
    ['Provider', undefined],
  ])('%s', (field, value) => expect(get(field)).toEqual(value));

  it('flat JSON and dotted paths', () => {
    const g = fieldResolver({ 'process.name': 'flat', process: { pid: 4, name: 'nested' }, a: { '#text': 'txt' } });
    expect(g('process.name')).toBe('flat');
    expect(g('process.pid')).toBe(4);
    expect(g('a')).toBe('txt');
  });

  it('XML-style Data lists', () => {
    const g = fieldResolver({ Event: { System: {}, EventData: { Data: [{ '#attributes': { Name: 'User' }, '#text': 'bob' }, { '#attributes': { Name: 'Host' } }] } } });
    expect(g('User')).toBe('bob');
    expect(g('Host')).toBeNull();
  });

  it('UserData element fields', () => {
    const g = fieldResolver({ Event: { System: {}, UserData: { LogFileCleared: { SubjectUserName: 'admin' } } } });
    expect(g('SubjectUserName')).toBe('admin');
  });

  it('values() lists leaf values', () => {
    expect([...(get.values?.() ?? [])]).toContain('EICAR');
  });

  it('does not read inherited properties', () => {
    expect(fieldResolver({})('constructor')).toBeUndefined();
    expect(fieldResolver({})('toString')).toBeUndefined();
  });

  it('mappedAccessor translates names', () => {
    const g = mappedAccessor(fieldResolver({ NewProcessName: 'x.exe' }), { Image: 'NewProcessName' });
    expect(g('Image')).toBe('x.exe');
    expect(g('Other')).toBeUndefined();
  });
});

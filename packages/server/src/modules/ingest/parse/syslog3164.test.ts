import { describe, it, expect } from 'vitest';
import { parseSyslog3164 } from './syslog3164.ts';

const NOW = new Date('2023-10-12T08:00:00Z');

function ok(line: string, now = NOW) {
  const r = parseSyslog3164(line, now);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.value;
}

describe('parseSyslog3164: RFC 3164 section 5.4 examples', () => {
  it('example 1: host, tag and content', () => {
    const m = ok("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");
    expect(m).toMatchObject({
      facility: 4, severity: 2, hostname: 'mymachine', appName: 'su', rfc: '3164',
      message: "'su root' failed for lonvick on /dev/pts/8", structuredData: {},
    });
    expect(m.timestamp?.toISOString()).toBe('2023-10-11T22:14:15.000Z');
    expect(m.version).toBeUndefined();
  });

  it('example 2: space-padded day, IP as host, no tag', () => {
    const m = ok('<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!');
    expect(m).toMatchObject({ facility: 1, severity: 5, hostname: '10.0.0.99', message: 'Use the BFG!' });
    expect(m.appName).toBeUndefined();
    expect(m.timestamp?.toISOString()).toBe('2023-02-05T17:32:18.000Z');
  });

  it('example 3: "CST" is read as the HOSTNAME, as the RFC explains', () => {
    const m = ok("<165>Aug 24 05:34:00 CST 1987 mymachine myproc[10]: %% It's time to make the do-nuts.  %%  Ingredients: Mix=OK");
    expect(m.hostname).toBe('CST');
    expect(m.message).toBe("1987 mymachine myproc[10]: %% It's time to make the do-nuts.  %%  Ingredients: Mix=OK");
  });

  it('example 4: no valid TIMESTAMP, so everything after PRI is content', () => {
    const m = ok("<0>1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!");
    expect(m.timestamp).toBeUndefined();
    expect(m.hostname).toBeUndefined();
    expect(m.message).toBe("1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!");
  });

  it('example 5: a relayed message inside the content', () => {
    const m = ok("<0>Oct 22 10:52:12 scapegoat 1990 Oct 22 10:50:38 10.1.2.3 sched[0]: That's All Folks!");
    expect(m.hostname).toBe('scapegoat');
    expect(m.message).toBe("1990 Oct 22 10:50:38 10.1.2.3 sched[0]: That's All Folks!");
  });
});

describe('parseSyslog3164: real-world variants', () => {
  it('TAG[pid]: with a path-like tag (postfix)', () => {
    const m = ok('<22>Oct 12 07:59:01 mail postfix/smtpd[1234]: connect from unknown[192.0.2.7]');
    expect(m).toMatchObject({ facility: 2, severity: 6, hostname: 'mail', appName: 'postfix/smtpd', procId: '1234', message: 'connect from unknown[192.0.2.7]' });
  });

  it('sshd with pid, as sent by rsyslog traditional format', () => {
    const m = ok('<38>Oct 12 07:59:59 bastion sshd[4242]: Failed password for invalid user admin from 203.0.113.9 port 52144 ssh2');
    expect(m).toMatchObject({ hostname: 'bastion', appName: 'sshd', procId: '4242' });
    expect(m.message.startsWith('Failed password')).toBe(true);
  });

  it('missing HOSTNAME: the first word is a TAG', () => {
    expect(ok('<13>Oct 11 22:14:15 sshd[22]: hello')).toMatchObject({ appName: 'sshd', procId: '22', message: 'hello' });
    const k = ok('<6>Oct 11 22:14:15 kernel: [12345.678] eth0: link up');
    expect(k.hostname).toBeUndefined();
    expect(k).toMatchObject({ appName: 'kernel', message: '[12345.678] eth0: link up' });
  });

  it('ISO 8601 timestamp (rsyslog RSYSLOG_ForwardFormat)', () => {
    const m = ok('<30>2023-10-11T22:14:15.123456+02:00 web01 nginx[77]: GET / 200');
    expect(m.timestamp?.toISOString()).toBe('2023-10-11T20:14:15.123Z');
    expect(m).toMatchObject({ hostname: 'web01', appName: 'nginx', procId: '77', message: 'GET / 200' });
  });

  it('no PRI: facility user, severity notice (RFC 3164 4.3.3)', () => {
    const m = ok('Oct 11 22:14:15 host app: text');
    expect(m).toMatchObject({ facility: 1, severity: 5, hostname: 'host', appName: 'app', message: 'text' });
  });

  it('Cisco style: "*" marker, year and milliseconds, colon after the time', () => {
    const m = ok('<189>*Oct 11 2022 22:14:15.123: %SYS-5-CONFIG_I: Configured from console');
    expect(m.timestamp?.toISOString()).toBe('2022-10-11T22:14:15.123Z');
    expect(m.hostname).toBeUndefined();
    expect(m).toMatchObject({ appName: '%SYS-5-CONFIG_I', message: 'Configured from console' });
  });

  it('a space after PRI and a word ending with ":" mid-token are tolerated', () => {
    const m = ok('<13> Oct 11 22:14:15 fe80::1 http://example.org is down');
    expect(m).toMatchObject({ hostname: 'fe80::1', message: 'http://example.org is down' });
    expect(m.appName).toBeUndefined();
  });

  it('CEF or LEEF payload after the host is never taken as a tag', () => {
    const m = ok('<134>Oct 11 22:14:15 fw1 CEF:0|V|P|1|sig|name|5|src=10.0.0.1');
    expect(m.hostname).toBe('fw1');
    expect(m.appName).toBeUndefined();
    expect(m.message).toBe('CEF:0|V|P|1|sig|name|5|src=10.0.0.1');
    expect(ok('<134>Oct 11 22:14:15 LEEF:1.0|V|P|1|id|a=b').message).toBe('LEEF:1.0|V|P|1|id|a=b');
  });

  it('line ends are removed; an empty message is fine', () => {
    expect(ok('<13>Oct 11 22:14:15 host app: hi\r\n').message).toBe('hi');
    expect(ok('<13>Oct 11 22:14:15 host').message).toBe('');
    expect(ok('<13>').message).toBe('');
  });

  it('an invalid date (Feb 30) is not a timestamp: whole line is content', () => {
    const m = ok('<13>Feb 30 10:00:00 host app: x');
    expect(m.timestamp).toBeUndefined();
    expect(m.message).toBe('Feb 30 10:00:00 host app: x');
  });
});

describe('parseSyslog3164: year inference from now', () => {
  it('uses the current year for recent dates', () => {
    expect(ok('<13>Oct 12 07:00:00 h a: x').timestamp?.toISOString()).toBe('2023-10-12T07:00:00.000Z');
  });
  it('December lines received in January belong to the previous year', () => {
    const m = ok('<13>Dec 31 23:59:58 h a: x', new Date('2024-01-01T00:00:03Z'));
    expect(m.timestamp?.toISOString()).toBe('2023-12-31T23:59:58.000Z');
  });
  it('January lines from a fast clock received on 31 December belong to the next year', () => {
    const m = ok('<13>Jan  1 00:00:01 h a: x', new Date('2023-12-31T23:59:50Z'));
    expect(m.timestamp?.toISOString()).toBe('2024-01-01T00:00:01.000Z');
  });
  it('Feb 29 picks the latest leap year not in the future', () => {
    expect(ok('<13>Feb 29 12:00:00 h a: x', new Date('2024-03-01T00:00:00Z')).timestamp?.toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(ok('<13>Feb 29 12:00:00 h a: x', new Date('2023-03-01T00:00:00Z')).timestamp?.toISOString()).toBe('2020-02-29T12:00:00.000Z');
  });
  it('a date a few days ahead (sender clock skew) stays in this year', () => {
    expect(ok('<13>Oct 14 07:00:00 h a: x').timestamp?.toISOString()).toBe('2023-10-14T07:00:00.000Z');
    expect(ok('<13>Oct 20 07:00:00 h a: x').timestamp?.toISOString()).toBe('2022-10-20T07:00:00.000Z');
  });
});

describe('parseSyslog3164: bad input', () => {
  it('reports malformed PRI with its offset', () => {
    expect(parseSyslog3164('<999>Oct 11 22:14:15 h a: x', NOW)).toMatchObject({ ok: false, error: expect.stringMatching(/out of range/) });
    expect(parseSyslog3164('<1x>hello', NOW)).toMatchObject({ ok: false, offset: 2 });
  });
  it('enforces the length limit', () => {
    expect(parseSyslog3164('x'.repeat(100), NOW, { maxLength: 99 })).toMatchObject({ ok: false, error: expect.stringMatching(/100 characters, limit 99/) });
  });
  it('handles an invalid `now` without throwing (no year can be inferred: the line is content)', () => {
    const r = parseSyslog3164('<13>Oct 11 22:14:15 h a: x', new Date(NaN));
    expect(r).toMatchObject({ ok: true, value: { message: 'Oct 11 22:14:15 h a: x' } });
  });
});

// KEY=value pairs of sudo and auditd messages, as fields the event lacks.
import { describe, expect, it } from 'vitest';
import { messagePairs, withMessageFields } from './message-fields.ts';
import { fieldResolver } from './resolver.ts';

describe('messagePairs', () => {
  it('sudo: `KEY=value ;` with spaces inside the command', () => {
    expect({ ...messagePairs('   alice : TTY=pts/0 ; PWD=/home/alice ; USER=#-1 ; COMMAND=/usr/bin/id -u root') }).toEqual({
      TTY: 'pts/0', PWD: '/home/alice', USER: '#-1', COMMAND: '/usr/bin/id -u root',
    });
  });

  it('auditd: quoted and unquoted values, and the pairs inside a quoted msg', () => {
    expect({ ...messagePairs('type=EXECVE msg=audit(1709633880.456:4250): argc=3 a0="getcap" a1="-r" a2="/"') }).toEqual({
      type: 'EXECVE', msg: 'audit(1709633880.456:4250):', argc: '3', a0: 'getcap', a1: '-r', a2: '/',
    });
    const user = messagePairs("type=USER_CMD msg=audit(1709633880.5:4251): pid=3101 uid=1000 auid=1000 ses=3 msg='cwd=\"/home/alice\" cmd=6964 exe=\"/usr/bin/sudo\" terminal=pts/0 res=success'");
    expect(user['type']).toBe('USER_CMD');
    expect(user['exe']).toBe('/usr/bin/sudo');
    expect(user['res']).toBe('success');
    expect(user['msg']).toBe('audit(1709633880.5:4251):');
  });

  it('the first occurrence of a key wins; text without pairs gives none', () => {
    expect(messagePairs('a=1 a=2')['a']).toBe('1');
    expect(Object.keys(messagePairs('Accepted publickey for alice from 198.51.100.4 port 52814 ssh2'))).toEqual([]);
    expect(messagePairs('__proto__=x')['__proto__']).toBe('x');
  });
});

describe('withMessageFields', () => {
  it('answers only fields the event lacks', () => {
    const get = withMessageFields(fieldResolver({ message: 'USER=root ; COMMAND=/bin/sh ; hostname=evil', hostname: 'web01', pid: null }), ['message']);
    expect(get('USER')).toBe('root');
    expect(get('hostname')).toBe('web01');
    expect(get('pid')).toBeNull();
    expect(get('absent')).toBeUndefined();
  });
});

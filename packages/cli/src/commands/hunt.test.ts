// `bulwark hunt --logsource`: Sigma logsource fields only, as key=value pairs.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../problem.ts';
import { parseLogsource } from './hunt.ts';

describe('parseLogsource', () => {
  it('reads product, service and category', () => {
    expect(parseLogsource('product=linux,service=auditd')).toEqual({ product: 'linux', service: 'auditd' });
    expect(parseLogsource(' category = Process_Creation , product=Linux')).toEqual({ category: 'process_creation', product: 'linux' });
    expect(parseLogsource('product=gcp,service=gcp.audit')).toEqual({ product: 'gcp', service: 'gcp.audit' });
  });

  it.each(['linux', 'product=', 'vendor=linux', 'product=linux;service=sshd', 'product=a b'])('rejects %s', (spec) => {
    expect(() => parseLogsource(spec)).toThrow(UsageError);
  });
});

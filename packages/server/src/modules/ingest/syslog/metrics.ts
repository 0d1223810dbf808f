// Prometheus metrics of the syslog inputs, read from their counters at scrape time.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Intake } from './intake.ts';

export function syslogMetrics(registry: Registry, intake: Intake): void {
  const each = (pick: (s: { received: number; rejected: number; dropped: number; pauses: number }) => number) =>
    function (this: Counter<'source'>) {
      this.reset();
      for (const [source, s] of intake.stats) this.inc({ source }, pick(s));
    };
  new Counter({ name: 'bulwark_syslog_messages_received_total', help: 'Syslog messages parsed and queued for commit', labelNames: ['source'], registers: [registry], collect: each((s) => s.received) });
  new Counter({ name: 'bulwark_syslog_messages_rejected_total', help: 'Syslog messages that could not be framed or parsed', labelNames: ['source'], registers: [registry], collect: each((s) => s.rejected) });
  new Counter({ name: 'bulwark_syslog_datagrams_dropped_total', help: 'UDP datagrams dropped while the commit queue was full', labelNames: ['source'], registers: [registry], collect: each((s) => s.dropped) });
  new Counter({ name: 'bulwark_syslog_pauses_total', help: 'TCP/TLS connections paused for back-pressure', labelNames: ['source'], registers: [registry], collect: each((s) => s.pauses) });
  new Gauge({ name: 'bulwark_syslog_pending_messages', help: 'Syslog messages received but not yet committed', registers: [registry], collect() { this.set(intake.batcher.pending); } });
  new Counter({ name: 'bulwark_syslog_commit_failures_total', help: 'Failed syslog batch commits (retried)', registers: [registry], collect() { this.reset(); this.inc(intake.batcher.failures); } });
}

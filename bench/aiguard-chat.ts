// `npm run bench:aiguard-chat`: the input scan of multi-turn chats, where every request resends the
// whole conversation. Conversations of 30 turns (a user question of 200–1,200 characters and an
// assistant answer of ~800 characters per turn; questions from the benign categories of
// ../shared/corpora/aiguard/dev.jsonl when present, else generated office text) are scanned turn by turn
// as the gateway does: every message of the history, without the message cache (each request scans all
// of it again) and with it (scope = one account: only the new messages are scanned). Beside them, in the
// same run, JSON.parse of the same request bodies (the floor of any work on a request).
//
// Environment: BENCH_AIGUARD_CHATS (conversations, default 40), BENCH_AIGUARD_TURNS (default 30).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageCacheStats, scanMessages, type ChatMessage } from '../packages/server/src/modules/aiguard/scan/index.ts';
import { rng } from '../packages/server/src/modules/aiguard/scan/sgd.ts';
import { describeMachine, machine } from './lib/machine.ts';
import { percentile, table } from './lib/stats.ts';

const env = (k: string, d: number) => {
  const v = Number(process.env[k] ?? d);
  if (!Number.isFinite(v) || v < 1) throw new Error(`${k} must be a positive number`);
  return Math.floor(v);
};
const CHATS = env('BENCH_AIGUARD_CHATS', 40);
const TURNS = env('BENCH_AIGUARD_TURNS', 30);
const CORPORA = process.env['BULWARK_CORPORA'] ?? join(import.meta.dirname, '../../shared/corpora');

const WORDS = 'the report shows that our ministry network saw unusual login attempts from several addresses during the night and the team asks which logs to collect next how to summarise them for the director and whether the firewall rules need a change before the weekend maintenance window'.split(' ');

function questions(): string[] {
  const file = join(CORPORA, 'aiguard/dev.jsonl');
  const out: string[] = [];
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { text?: unknown; label?: unknown; category?: unknown };
      if (row.label === 'benign' && typeof row.text === 'string' && row.text.length >= 200 && row.text.length <= 1200) out.push(row.text);
    }
  }
  if (out.length >= 50) return out;
  const r = rng(7);
  for (let i = 0; i < 200; i++) {
    const n = 30 + Math.floor(r() * 170);
    out.push(Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' '));
  }
  return out;
}

function answer(r: () => number): string {
  return Array.from({ length: 140 }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
}

const qs = questions();
const r = rng(42);
const chats: ChatMessage[][] = Array.from({ length: CHATS }, () => {
  const msgs: ChatMessage[] = [];
  for (let t = 0; t < TURNS; t++) {
    msgs.push({ role: 'user', content: qs[Math.floor(r() * qs.length)]! });
    msgs.push({ role: 'assistant', content: answer(r) });
  }
  return msgs;
});

/** Per-turn milliseconds: the request of turn t holds the history and the new user question. */
function run(cached: boolean): number[][] {
  const perTurn: number[][] = Array.from({ length: TURNS }, () => []);
  let sink = 0;
  chats.forEach((chat, c) => {
    for (let t = 0; t < TURNS; t++) {
      const request = chat.slice(0, 2 * t + 1);
      const t0 = performance.now();
      sink += scanMessages(request, cached ? { scope: `bench-org\naccount-${c}` } : {}).score;
      perTurn[t]!.push(performance.now() - t0);
    }
  });
  if (sink < 0) console.log(sink);
  return perTurn;
}

function parseFloor(): number[][] {
  const perTurn: number[][] = Array.from({ length: TURNS }, () => []);
  let sink = 0;
  for (const chat of chats) {
    for (let t = 0; t < TURNS; t++) {
      const body = JSON.stringify({ model: 'm', messages: chat.slice(0, 2 * t + 1) });
      const t0 = performance.now();
      sink += (JSON.parse(body) as { messages: unknown[] }).messages.length;
      perTurn[t]!.push(performance.now() - t0);
    }
  }
  if (sink < 0) console.log(sink);
  return perTurn;
}

console.log(describeMachine(machine()));
console.log(`${CHATS} conversations × ${TURNS} turns; questions: ${qs.length} (${existsSync(join(CORPORA, 'aiguard/dev.jsonl')) ? 'corpus' : 'generated'})`);
run(false); // warm-up: model, rules, JIT
const cold = run(false);
const warm = run(true);
const floor = parseFloor();
const stats = messageCacheStats();
const f2 = (n: number) => n.toFixed(2);
const rows: string[][] = [['turn', 'messages', 'no cache p50 ms', 'p99', 'cache p50 ms', 'p99', 'JSON.parse p50 ms', 'no cache / cache (p50)']];
for (const t of [1, 5, 10, 20, TURNS].filter((x, i, a) => x <= TURNS && a.indexOf(x) === i)) {
  const i = t - 1;
  const c = percentile(cold[i]!, 50);
  const w = percentile(warm[i]!, 50);
  rows.push([String(t), String(2 * i + 1), f2(c), f2(percentile(cold[i]!, 99)), f2(w), f2(percentile(warm[i]!, 99)), f2(percentile(floor[i]!, 50)), `${(c / w).toFixed(1)}×`]);
}
console.log(table(rows));
const sum = (a: number[][]) => a.flat().reduce((x, y) => x + y, 0);
console.log(`whole conversations: ${f2(sum(cold) / CHATS)} ms without the cache, ${f2(sum(warm) / CHATS)} ms with it, JSON.parse ${f2(sum(floor) / CHATS)} ms (per conversation of ${TURNS} requests)`);
console.log(`cache: ${stats.hits} hits, ${stats.misses} misses, ${stats.size} entries`);

// Starts the real server as a child process (`node packages/server/src/main.ts`) on a free port, for
// end-to-end, CLI, reliability and benchmark runs. The server prints one JSON log line with
// msg "listening" and its url once it accepts connections.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  readonly adminToken: string;
  /** Everything the process printed so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  readonly dataDir?: string;
  readonly env?: Record<string, string | undefined>;
  readonly port?: number;
  readonly timeoutMs?: number;
}

export const TEST_ADMIN = {
  email: 'admin@test.example',
  password: 'correct horse battery staple',
  token: 'test-admin-token-0123456789abcdefghijklmnop',
} as const;

export async function startServer(opts: StartOptions = {}): Promise<ServerProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'bw-srv-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('BULWARK_')) env[k] = v;
  Object.assign(env, {
    BULWARK_PORT: String(opts.port ?? 0),
    BULWARK_HOST: '127.0.0.1',
    BULWARK_DATA_DIR: dataDir,
    BULWARK_LOG_LEVEL: 'info',
    BULWARK_ADMIN_EMAIL: TEST_ADMIN.email,
    BULWARK_ADMIN_PASSWORD: TEST_ADMIN.password,
    BULWARK_ADMIN_TOKEN: TEST_ADMIN.token,
  });
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, [MAIN], { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${opts.timeoutMs ?? 60_000} ms:\n${out}`));
    }, opts.timeoutMs ?? 60_000);
    let found = false;
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (found) return;
      const line = out.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) {
        found = true;
        clearTimeout(timer);
        resolve(/"url":"([^"]+)"/.exec(line)?.[1] ?? '');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => void (out += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  return {
    url,
    child,
    dataDir,
    adminEmail: TEST_ADMIN.email,
    adminPassword: TEST_ADMIN.password,
    adminToken: TEST_ADMIN.token,
    output: () => out,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}

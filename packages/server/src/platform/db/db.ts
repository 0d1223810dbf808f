// The database port: one PostgreSQL dialect on two drivers (embedded PGlite or a PostgreSQL server).
// Every unit of work runs in a transaction as the application role, with the organisation scope set
// transaction-locally so that row-level security applies as a second line behind the authorization layer.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import type { schema } from './schema.ts';

export type Schema = typeof schema;
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Orm['transaction']>[0]>[0];
export type Queryable = Orm | Tx;

export type Scope = { readonly kind: 'org'; readonly orgId: string } | { readonly kind: 'instance' };

export const INSTANCE: Scope = Object.freeze({ kind: 'instance' });
export const orgScope = (orgId: string): Scope => ({ kind: 'org', orgId });

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: Orm;
  /** One transaction as the application role, scoped to an organisation or (for system work) the instance. */
  tx<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` once `tx` has committed (the bus uses it to relay promptly). */
  afterCommit(tx: Tx, fn: () => void): void;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Runs a parameterised statement and returns its rows. */
export async function rows<T>(q: Queryable, statement: SQL): Promise<T[]> {
  const res = (await q.execute(statement)) as unknown as { rows: T[] };
  return res.rows;
}

export function makeDb(kind: Db['kind'], orm: Orm, ping: () => Promise<void>, close: () => Promise<void>): Db {
  const pending = new WeakMap<Tx, Array<() => void>>();
  return {
    kind,
    orm,
    async tx(scope, fn) {
      let callbacks: Array<() => void> | undefined;
      const result = await orm.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('bulwark.org_id', ${scope.kind === 'org' ? scope.orgId : ''}, true), set_config('bulwark.scope', ${scope.kind}, true)`,
        );
        callbacks = [];
        pending.set(tx, callbacks);
        return fn(tx);
      });
      for (const cb of callbacks ?? []) cb();
      return result;
    },
    afterCommit(tx, fn) {
      const list = pending.get(tx);
      if (!list) throw new Error('afterCommit needs a transaction opened by Db.tx');
      list.push(fn);
    },
    ping,
    close,
  };
}

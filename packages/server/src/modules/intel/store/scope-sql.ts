// The access model's receive filter (access/receive-filter.ts) as SQL over intel_objects' scope columns.
import { sql, type SQL } from 'drizzle-orm';
import type { ReceiveFilter, RowCondition } from '../access/receive-filter.ts';

const inList = (values: readonly string[]): SQL => sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

function condition(c: RowCondition): SQL {
  switch (c.kind) {
    case 'owner':
      return sql`(owner_instance = ${c.instance} and owner_org = ${c.org})`;
    case 'named-org':
      return sql`exists (select 1 from jsonb_array_elements(recipients) r where r->>'instance' = ${c.instance} and r->>'org' = ${c.org} and not (r ? 'user'))`;
    case 'named-user':
      return sql`exists (select 1 from jsonb_array_elements(recipients) r where r->>'instance' = ${c.instance} and r->>'org' = ${c.org} and r->>'user' = ${c.user})`;
    case 'group-member':
      return sql`exists (select 1 from jsonb_array_elements(group_members) m where m->>'instance' = ${c.instance} and m->>'org' = ${c.org})`;
    case 'group-member-on':
      return sql`exists (select 1 from jsonb_array_elements(group_members) m where m->>'instance' = ${c.instance})`;
    case 'recipient-on':
      return sql`exists (select 1 from jsonb_array_elements(recipients) r where r->>'instance' = ${c.instance})`;
    case 'owner-instance-not':
      return sql`owner_instance <> ${c.instance}`;
  }
}

/**
 * The access model's filter, plus (store only) the receipts of one organisation of this instance: the
 * versions it sent that another organisation already held (store/import.ts). A receipt makes that one
 * version visible to it; the newest-version rule still applies (query.ts).
 */
export interface StoreAccess extends ReceiveFilter {
  /** The organisation (id) whose receipts count. */
  readonly receiptsOf?: string;
}

/** A boolean SQL expression that holds exactly for the rows the filter (and the receipts) let through. */
export function receiveSql(filter: StoreAccess): SQL {
  const clauses = filter.anyOf.map((clause) => {
    const parts: SQL[] = [sql`tlp in ${inList(clause.tlp)}`, sql`distribution in ${inList(clause.distribution)}`, ...clause.where.map(condition)];
    return sql`(${sql.join(parts, sql` and `)})`;
  });
  // Unqualified id and version: the row being tested (intel_receipts has neither column).
  if (filter.receiptsOf !== undefined) clauses.push(sql`exists (select 1 from intel_receipts rc where rc.object_id = id and rc.object_version = version and rc.org_id::text = ${filter.receiptsOf})`);
  if (clauses.length === 0) return sql`false`;
  return sql`(${sql.join(clauses, sql` or `)})`;
}

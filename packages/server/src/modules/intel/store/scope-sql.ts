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

/** A boolean SQL expression that holds exactly for the rows the filter lets through. */
export function receiveSql(filter: ReceiveFilter): SQL {
  if (filter.anyOf.length === 0) return sql`false`;
  return sql`(${sql.join(
    filter.anyOf.map((clause) => {
      const parts: SQL[] = [sql`tlp in ${inList(clause.tlp)}`, sql`distribution in ${inList(clause.distribution)}`, ...clause.where.map(condition)];
      return sql`(${sql.join(parts, sql` and `)})`;
    }),
    sql` or `,
  )})`;
}

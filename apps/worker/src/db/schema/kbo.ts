import { type KboTableSpec, kboSchema, sqlName } from "@pulsebridge/kbo/portable";
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The KBO/BCE register (public open data, shared by every office: no office column), built from
 * `kboSchema` of @pulsebridge/kbo, the one description its loader and DDL come from too. Only
 * drizzle-kit reads these tables (the register is queried with SQL in db/queries/register.ts).
 * drizzle-kit cannot express `WITHOUT ROWID`; migrations/0001_kbo_register.sql was generated from
 * these tables and then given `WITHOUT ROWID` and `IF NOT EXISTS` by hand (docs/adr/0010); the
 * register test keeps the migrated tables equal to `kboSchema`.
 */
function registerTable(spec: KboTableSpec) {
  const single = spec.primaryKey.length === 1 ? spec.primaryKey[0] : undefined;
  const columns = Object.fromEntries(
    spec.columns.map((c) => {
      const base = c.type === "integer" ? integer(sqlName(c.field)) : text(sqlName(c.field));
      const notNull = c.nullable ? base : base.notNull();
      return [c.field, c.field === single ? notNull.primaryKey() : notNull];
    }),
  );
  return sqliteTable(spec.name, columns, (t) => {
    const col = (field: string) => {
      const column = t[field];
      if (!column) throw new Error(`${spec.name}: no column ${field}`);
      return column;
    };
    const [first, ...rest] = spec.primaryKey.map(col);
    return [
      ...(single || !first ? [] : [primaryKey({ columns: [first, ...rest] })]),
      ...spec.indexes.map((i) => {
        const [a, ...b] = i.columns.map(col);
        if (!a) throw new Error(`${i.name}: no columns`);
        return index(i.name).on(a, ...b);
      }),
      ...(spec.singleRow
        ? [
            check(
              spec.singleRow.name,
              sql`${col(spec.singleRow.column)} = ${sql.raw(String(spec.singleRow.value))}`,
            ),
          ]
        : []),
    ];
  });
}

export const kboEnterprises = registerTable(kboSchema.enterprise);
export const kboEstablishments = registerTable(kboSchema.establishment);
export const kboBranches = registerTable(kboSchema.branch);
export const kboDenominations = registerTable(kboSchema.denomination);
export const kboAddresses = registerTable(kboSchema.address);
export const kboActivities = registerTable(kboSchema.activity);
export const kboCodes = registerTable(kboSchema.code);
export const kboMeta = registerTable(kboSchema.meta);
export const kboLoadCheckpoints = registerTable(kboSchema.loadCheckpoint);

/**
 * Office data derived from the register: each client's last check status, so the client list
 * can filter on "differs from the register" with a join. A row is current while its
 * `content_hash` equals the client's and `register_version` equals the register's last extract.
 */
export const clientRegisterChecks = sqliteTable(
  "client_register_checks",
  {
    officeId: text("office_id").notNull(),
    clientId: text("client_id").notNull(),
    contentHash: text("content_hash").notNull(),
    registerVersion: text("register_version").notNull(),
    /** One of `registerStatuses` (@pulsebridge/kbo). */
    status: text("status").notNull(),
    snapshotDate: text("snapshot_date"),
    checkedAt: integer("checked_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.clientId] }),
    index("client_register_checks_status_idx").on(t.officeId, t.status),
  ],
);

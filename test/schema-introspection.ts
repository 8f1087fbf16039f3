// Reads the same shape of a PostgreSQL schema from two sides — what prisma/schema.prisma says (through
// Prisma's own schema parser, the DMMF of @prisma/prisma-schema-wasm) and what a database's catalog holds —
// and lists every difference. Used by prisma/schema-drift.test.ts to prove the hand-applied migrations and
// the schema cannot drift apart.
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import type pg from "pg";

// ---------------------------------------------------------------------------------------------------------
// The common shape both sides are read into.

export type ReferentialAction = "Cascade" | "Restrict" | "NoAction" | "SetNull" | "SetDefault";

export interface ColumnShape {
  name: string;
  /** As Postgres' format_type() prints it, without identifier quotes: "text", "uuid[]", "timestamp(3) with time zone", "Role". */
  type: string;
  nullable: boolean;
}

export interface IndexColumnShape {
  name: string;
  desc: boolean;
  /** Operator class: from the schema, Prisma's name (e.g. "JsonbPathOps"), or null for the default one. */
  opclass: string | null;
  /** Database side only: whether `opclass` is the default operator class for the column type. */
  opclassIsDefault?: boolean;
}

export interface IndexShape {
  name: string;
  kind: "primary key" | "unique" | "index";
  /** Access method: "btree", "gin", "gist", "hash", "brin", "spgist". */
  method: string;
  columns: IndexColumnShape[];
  /** Database side only: what Prisma cannot express (expressions, WHERE, INCLUDE); such an index never matches. */
  unexpressible?: string;
}

export interface ForeignKeyShape {
  /** Database side only (Prisma's DMMF does not expose a relation's `map:` name). */
  name?: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

export interface TableShape {
  /** Table name, schema-qualified unless it lives in "public". */
  name: string;
  /** Where it comes from, for messages: `model Team`. */
  source?: string;
  columns: ColumnShape[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

export interface SchemaShape {
  tables: Map<string, TableShape>;
  /** Enum type name (schema-qualified unless "public") → labels in order. */
  enums: Map<string, string[]>;
}

const qualify = (schema: string | null | undefined, name: string) => (!schema || schema === "public" ? name : `${schema}.${name}`);

// ---------------------------------------------------------------------------------------------------------
// Schema side: Prisma's DMMF (only the parts used here).

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: ReferentialAction;
  relationOnUpdate?: ReferentialAction;
}

interface DmmfModel {
  name: string;
  dbName: string | null;
  schema?: string | null;
  fields: DmmfField[];
}

interface DmmfEnum {
  name: string;
  dbName?: string | null;
  schema?: string | null;
  values: { name: string; dbName?: string | null }[];
}

interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc"; operatorClass?: string }[];
}

interface DmmfDocument {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };
}

/** Parses a Prisma schema with Prisma's own parser (throws with Prisma's validation errors if it is invalid). */
export function readDmmf(schemaText: string): DmmfDocument {
  const parsed: DmmfDocument = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText, noColor: true })));
  if (!parsed?.datamodel?.models || !parsed.datamodel.indexes) {
    throw new Error("Unexpected DMMF from @prisma/prisma-schema-wasm: no datamodel.models / datamodel.indexes");
  }
  return parsed;
}

const PG_IDENTIFIER_MAX = 63;

/** Prisma's default constraint name: `{table}_{columns}_{suffix}`, the prefix cut so the whole fits in 63 bytes. */
export function prismaDefaultName(table: string, columns: string[], suffix: "pkey" | "key" | "idx" | "fkey"): string {
  const tail = `_${suffix}`;
  let prefix = suffix === "pkey" ? table : `${table}_${columns.join("_")}`;
  const limit = PG_IDENTIFIER_MAX - tail.length;
  if (Buffer.byteLength(prefix) > limit) prefix = Buffer.from(prefix).subarray(0, limit).toString();
  return prefix + tail;
}

// Prisma scalar → the Postgres type Prisma Migrate creates for it when no @db.* native type is given.
const DEFAULT_TYPES: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

// @db.* native type → format_type() spelling; `args` are the attribute's arguments.
function nativeTypeName(native: string, args: string[]): string | undefined {
  const p = args.length ? `(${args.join(",")})` : "";
  const simple: Record<string, string> = {
    Text: "text",
    Uuid: "uuid",
    Xml: "xml",
    Json: "json",
    JsonB: "jsonb",
    Inet: "inet",
    Citext: "citext",
    Boolean: "boolean",
    Integer: "integer",
    SmallInt: "smallint",
    BigInt: "bigint",
    Oid: "oid",
    Money: "money",
    DoublePrecision: "double precision",
    Real: "real",
    Date: "date",
    ByteA: "bytea",
  };
  if (simple[native]) return simple[native];
  switch (native) {
    case "VarChar":
      return `character varying${p}`;
    case "Char":
      return `character${p || "(1)"}`;
    case "Bit":
      return `bit${p || "(1)"}`;
    case "VarBit":
      return `bit varying${p}`;
    case "Decimal":
      return `numeric${p}`;
    case "Timestamp":
      return `timestamp${p} without time zone`;
    case "Timestamptz":
      return `timestamp${p} with time zone`;
    case "Time":
      return `time${p} without time zone`;
    case "Timetz":
      return `time${p} with time zone`;
    default:
      return undefined;
  }
}

/**
 * The database shape the schema asks for. `problems` receives what cannot be mapped (an unknown native
 * type, a field of an unsupported kind) so that it fails loudly instead of passing unchecked.
 */
export function expectedShapeFromSchema(schemaText: string, problems: string[]): SchemaShape {
  const { datamodel } = readDmmf(schemaText);
  const enumDbName = new Map(datamodel.enums.map((e) => [e.name, qualify(e.schema, e.dbName ?? e.name)]));
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const tableOf = (m: DmmfModel) => qualify(m.schema, m.dbName ?? m.name);
  const columnOf = (m: DmmfModel, fieldName: string) => {
    const field = m.fields.find((f) => f.name === fieldName);
    return field?.dbName ?? fieldName;
  };

  const tables = new Map<string, TableShape>();
  for (const model of datamodel.models) {
    const table: TableShape = { name: tableOf(model), source: `model ${model.name}`, columns: [], indexes: [], foreignKeys: [] };
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (!field.relationFromFields?.length) continue; // back-relation side: no columns here
        const target = models.get(field.type);
        if (!target) {
          problems.push(`${table.source}: relation ${field.name} points at unknown model ${field.type}`);
          continue;
        }
        const optional = field.relationFromFields.some((f) => !model.fields.find((x) => x.name === f)?.isRequired);
        table.foreignKeys.push({
          columns: field.relationFromFields.map((f) => columnOf(model, f)),
          refTable: tableOf(target),
          refColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
          // Prisma's defaults when the relation does not say.
          onDelete: field.relationOnDelete ?? (optional ? "SetNull" : "Restrict"),
          onUpdate: field.relationOnUpdate ?? "Cascade",
        });
        continue;
      }
      let base: string | undefined;
      if (field.kind === "enum") base = enumDbName.get(field.type);
      else if (field.kind === "scalar") {
        base = field.nativeType ? nativeTypeName(field.nativeType[0], field.nativeType[1]) : DEFAULT_TYPES[field.type];
      }
      if (!base) {
        const native = field.nativeType ? ` @db.${field.nativeType[0]}` : "";
        problems.push(`${table.source}.${field.name}: no known Postgres type for ${field.kind} ${field.type}${native}`);
        continue;
      }
      table.columns.push({
        name: field.dbName ?? field.name,
        type: field.isList ? `${base}[]` : base,
        // Prisma Migrate creates scalar-list columns without NOT NULL, even though the field is required.
        nullable: !field.isRequired || field.isList,
      });
    }
    table.columns.push(...unsupportedColumns(schemaText, model.name));
    tables.set(table.name, table);
  }

  for (const index of datamodel.indexes) {
    const model = models.get(index.model);
    const table = model && tables.get(tableOf(model));
    if (!model || !table) continue;
    if (index.type === "fulltext") {
      problems.push(`model ${index.model}: @@fulltext is not supported on PostgreSQL`);
      continue;
    }
    const kind = index.type === "id" ? "primary key" : index.type === "unique" ? "unique" : "index";
    const columns = index.fields.map((f) => columnOf(model, f.name));
    const bareTable = model.dbName ?? model.name;
    const suffix = kind === "primary key" ? "pkey" : kind === "unique" ? "key" : "idx";
    table.indexes.push({
      name: index.dbName ?? prismaDefaultName(bareTable, columns, suffix),
      kind,
      method: (index.algorithm ?? "BTree").toLowerCase(),
      columns: index.fields.map((f, i) => ({ name: columns[i], desc: f.sortOrder === "desc", opclass: f.operatorClass ?? null })),
    });
  }

  const enums = new Map<string, string[]>();
  for (const e of datamodel.enums)
    enums.set(
      qualify(e.schema, e.dbName ?? e.name),
      e.values.map((v) => v.dbName ?? v.name),
    );
  return { tables, enums };
}

/**
 * Columns declared as `Unsupported("type")` (e.g. a tsvector kept by a trigger): Prisma's DMMF leaves them
 * out, so they are read from the schema text itself.
 */
function unsupportedColumns(schemaText: string, modelName: string): ColumnShape[] {
  const block = new RegExp(`^model\\s+${modelName}\\s*\\{([\\s\\S]*?)^\\}`, "m").exec(schemaText)?.[1] ?? "";
  const columns: ColumnShape[] = [];
  for (const line of block.split("\n")) {
    const match = /^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?(.*)$/.exec(line);
    if (!match) continue;
    const mapped = /@map\("([^"]+)"\)/.exec(match[4])?.[1];
    columns.push({ name: mapped ?? match[1], type: match[2], nullable: match[3] === "?" });
  }
  return columns;
}

/** The Postgres schemas (namespaces) the Prisma schema uses. */
export function schemaNamespaces(schemaText: string): string[] {
  const { datamodel } = readDmmf(schemaText);
  const all = [...datamodel.models, ...datamodel.enums].map((x) => x.schema ?? "public");
  return [...new Set(["public", ...all])];
}

// ---------------------------------------------------------------------------------------------------------
// Database side: pg_catalog.

const ACTIONS: Record<string, ReferentialAction> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

/** Tables Prisma Migrate keeps for itself; never part of the schema. */
export const BOOKKEEPING_TABLES = ["_prisma_migrations"];

export async function actualShapeFromDatabase(client: pg.ClientBase, namespaces: string[]): Promise<SchemaShape> {
  const tables = new Map<string, TableShape>();
  const tableRows = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1::text[])
      ORDER BY 1, 2`,
    [namespaces],
  );
  for (const row of tableRows.rows) {
    if (row.schema === "public" && BOOKKEEPING_TABLES.includes(row.name)) continue;
    const name = qualify(row.schema, row.name);
    tables.set(name, { name, columns: [], indexes: [], foreignKeys: [] });
  }

  const columnRows = await client.query<{ schema: string; table: string; name: string; type: string; notnull: boolean }>(
    `SELECT n.nspname AS schema, c.relname AS table, a.attname AS name,
            format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1::text[])
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY 1, 2, a.attnum`,
    [namespaces],
  );
  for (const row of columnRows.rows) {
    tables.get(qualify(row.schema, row.table))?.columns.push({
      name: row.name,
      type: row.type.replaceAll('"', ""),
      nullable: !row.notnull,
    });
  }

  const indexRows = await client.query<{
    schema: string;
    table: string;
    name: string;
    primary: boolean;
    unique: boolean;
    method: string;
    predicate: string | null;
    expressions: string | null;
    keyCount: number;
    keys: { name: string | null; desc: boolean | null; opclass: string | null; isDefault: boolean | null }[];
  }>(
    `SELECT n.nspname AS schema, c.relname AS table, i.relname AS name, x.indisprimary AS primary,
            x.indisunique AS unique, am.amname AS method, pg_get_expr(x.indpred, x.indrelid) AS predicate,
            pg_get_expr(x.indexprs, x.indrelid) AS expressions, x.indnkeyatts::int AS "keyCount",
            (SELECT json_agg(json_build_object('name', a.attname, 'desc', (k.opt & 1) = 1,
                                               'opclass', oc.opcname, 'isDefault', oc.opcdefault) ORDER BY k.ord)
               FROM unnest(x.indkey::int2[], x.indoption::int2[], x.indclass::oid[])
                    WITH ORDINALITY AS k(attnum, opt, opclass, ord)
               LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum > 0
               LEFT JOIN pg_opclass oc ON oc.oid = k.opclass) AS keys
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY 1, 2, 3`,
    [namespaces],
  );
  for (const row of indexRows.rows) {
    const table = tables.get(qualify(row.schema, row.table));
    if (!table) continue;
    const keyColumns = row.keys.slice(0, row.keyCount);
    const included = row.keys.slice(row.keyCount).map((k) => k.name ?? "?");
    const unexpressible = [
      row.expressions ? `on expressions ${row.expressions}` : "",
      row.predicate ? `WHERE ${row.predicate}` : "",
      included.length ? `INCLUDE (${included.join(", ")})` : "",
    ]
      .filter(Boolean)
      .join(" ");
    table.indexes.push({
      name: row.name,
      kind: row.primary ? "primary key" : row.unique ? "unique" : "index",
      method: row.method,
      // NULLS [NOT] DISTINCT is deliberately not compared: Prisma cannot express it, the column set is what counts.
      columns: keyColumns.map((k) => ({
        name: k.name ?? "(expression)",
        desc: k.desc ?? false,
        opclass: k.opclass,
        opclassIsDefault: k.isDefault ?? true,
      })),
      ...(unexpressible ? { unexpressible } : {}),
    });
  }

  const fkRows = await client.query<{
    schema: string;
    table: string;
    name: string;
    refSchema: string;
    refTable: string;
    onDelete: string;
    onUpdate: string;
    columns: string[];
    refColumns: string[];
  }>(
    `SELECT n.nspname AS schema, c.relname AS table, con.conname AS name, rn.nspname AS "refSchema",
            rc.relname AS "refTable", con.confdeltype AS "onDelete", con.confupdtype AS "onUpdate",
            (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
            (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS "refColumns"
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE con.contype = 'f' AND con.conparentid = 0 AND n.nspname = ANY($1::text[])
      ORDER BY 1, 2, 3`,
    [namespaces],
  );
  for (const row of fkRows.rows) {
    tables.get(qualify(row.schema, row.table))?.foreignKeys.push({
      name: row.name,
      columns: row.columns,
      refTable: qualify(row.refSchema, row.refTable),
      refColumns: row.refColumns,
      onDelete: ACTIONS[row.onDelete],
      onUpdate: ACTIONS[row.onUpdate],
    });
  }

  const enumRows = await client.query<{ schema: string; name: string; labels: string[] }>(
    `SELECT n.nspname AS schema, t.typname AS name, json_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = ANY($1::text[])
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [namespaces],
  );
  const enums = new Map(enumRows.rows.map((r) => [qualify(r.schema, r.name), r.labels]));
  return { tables, enums };
}

// ---------------------------------------------------------------------------------------------------------
// Comparison.

const list = (xs: string[]) => xs.join(", ");

export function describeIndex(index: IndexShape): string {
  const using = index.method === "btree" ? "" : ` USING ${index.method}`;
  const cols = index.columns.map((c) => {
    const opclass = c.opclass && !c.opclassIsDefault ? ` ${c.opclass}` : "";
    return `${c.name}${opclass}${c.desc ? " DESC" : ""}`;
  });
  return `${index.kind}${using} (${list(cols)})${index.unexpressible ? ` ${index.unexpressible}` : ""}`;
}

export function describeForeignKey(fk: ForeignKeyShape): string {
  return `foreign key (${list(fk.columns)}) -> ${fk.refTable}(${list(fk.refColumns)})`;
}

const normalizeOpclass = (name: string) => name.toLowerCase().replaceAll("_", "");

function indexMatches(expected: IndexShape, actual: IndexShape): boolean {
  if (actual.unexpressible) return false;
  if (expected.kind !== actual.kind || expected.method !== actual.method) return false;
  if (expected.columns.length !== actual.columns.length) return false;
  return expected.columns.every((e, i) => {
    const a = actual.columns[i];
    if (e.name !== a.name || e.desc !== a.desc) return false;
    if (e.opclass === null) return a.opclassIsDefault !== false;
    return a.opclass !== null && normalizeOpclass(e.opclass) === normalizeOpclass(a.opclass);
  });
}

/** Every difference between what the schema asks for and what the database has, as readable lines. */
export function compareShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];

  for (const [name, values] of expected.enums) {
    const found = actual.enums.get(name);
    if (!found) out.push(`enum ${name}: missing in the database`);
    else if (found.join("\u0000") !== values.join("\u0000")) {
      out.push(`enum ${name}: database has values [${list(found)}], schema has [${list(values)}]`);
    }
  }
  for (const name of actual.enums.keys()) {
    if (!expected.enums.has(name)) out.push(`enum ${name}: in the database but not in the schema`);
  }

  for (const [name, want] of expected.tables) {
    const have = actual.tables.get(name);
    const where = `table ${name} (${want.source})`;
    if (!have) {
      out.push(`${where}: missing in the database`);
      continue;
    }

    const haveColumns = new Map(have.columns.map((c) => [c.name, c]));
    for (const col of want.columns) {
      const found = haveColumns.get(col.name);
      if (!found) {
        out.push(`${where}: column ${col.name} is missing`);
        continue;
      }
      if (found.type !== col.type) out.push(`${where}: column ${col.name} has type ${found.type}, schema expects ${col.type}`);
      if (found.nullable !== col.nullable) {
        const state = (n: boolean) => (n ? "nullable" : "NOT NULL");
        out.push(`${where}: column ${col.name} is ${state(found.nullable)}, schema expects ${state(col.nullable)}`);
      }
    }
    const wantColumns = new Set(want.columns.map((c) => c.name));
    for (const col of have.columns) {
      if (!wantColumns.has(col.name)) out.push(`${where}: column ${col.name} (${col.type}) is not in the schema`);
    }

    const unmatched = [...have.indexes];
    for (const index of want.indexes) {
      const at = unmatched.findIndex((a) => indexMatches(index, a));
      if (at < 0) {
        out.push(`${where}: missing ${describeIndex(index)}`);
        continue;
      }
      const [found] = unmatched.splice(at, 1);
      if (found.name !== index.name) {
        out.push(`${where}: ${describeIndex(index)} is named ${found.name}, Prisma names it ${index.name}`);
      }
    }
    for (const index of unmatched) out.push(`${where}: ${describeIndex(index)} [${index.name}] is not in the schema`);

    const unmatchedFks = [...have.foreignKeys];
    for (const fk of want.foreignKeys) {
      const at = unmatchedFks.findIndex(
        (a) => list(a.columns) === list(fk.columns) && a.refTable === fk.refTable && list(a.refColumns) === list(fk.refColumns),
      );
      if (at < 0) {
        out.push(`${where}: missing ${describeForeignKey(fk)} ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`);
        continue;
      }
      const [found] = unmatchedFks.splice(at, 1);
      for (const action of ["onDelete", "onUpdate"] as const) {
        if (found[action] !== fk[action]) {
          const label = action === "onDelete" ? "ON DELETE" : "ON UPDATE";
          out.push(`${where}: ${describeForeignKey(fk)} has ${label} ${found[action]}, schema expects ${fk[action]}`);
        }
      }
    }
    for (const fk of unmatchedFks) out.push(`${where}: ${describeForeignKey(fk)} [${fk.name}] is not in the schema`);
  }

  for (const name of actual.tables.keys()) {
    if (!expected.tables.has(name)) out.push(`table ${name}: in the database but no model maps to it`);
  }
  return out;
}

/** Reads both sides and compares them: the list is empty when the database matches the schema. */
export async function findSchemaDrift(client: pg.ClientBase, schemaText: string): Promise<string[]> {
  const problems: string[] = [];
  const expected = expectedShapeFromSchema(schemaText, problems);
  const actual = await actualShapeFromDatabase(client, schemaNamespaces(schemaText));
  return [...problems, ...compareShapes(expected, actual)];
}

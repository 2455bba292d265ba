// Describes a database schema two ways so the drift test can compare them: what schema.prisma
// asks for (through Prisma's own DMMF parser) and what the applied migrations really created.
import { readFileSync } from 'node:fs';
import internals from '@prisma/internals';
import type { SqlRunner } from '../../src/db/sql-runner.ts';

export interface Shape {
  columns: string[];
  indexes: string[];
  foreignKeys: string[];
}

const SCALAR: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Decimal: 'numeric(65,30)',
  Bytes: 'bytea',
};

function nativeType(name: string, args: string[]): string {
  const a = args.join(',');
  switch (name) {
    case 'Date':
      return 'date';
    case 'Timestamptz':
      return `timestamp(${a || 3}) with time zone`;
    case 'Timestamp':
      return `timestamp(${a || 3}) without time zone`;
    case 'VarChar':
      return a ? `character varying(${a})` : 'character varying';
    case 'Char':
      return `character(${a || 1})`;
    case 'Uuid':
      return 'uuid';
    case 'Text':
      return 'text';
    case 'SmallInt':
      return 'smallint';
    case 'Integer':
      return 'integer';
    case 'Real':
      return 'real';
    case 'DoublePrecision':
      return 'double precision';
    case 'Decimal':
      return `numeric(${a})`;
    case 'JsonB':
      return 'jsonb';
    case 'Json':
      return 'json';
    default:
      return `${name.toLowerCase()}(${a})`;
  }
}

const ON_DELETE: Record<string, string> = { Cascade: 'CASCADE', SetNull: 'SET NULL', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetDefault: 'SET DEFAULT' };

export async function expectedShape(schemaPath: string): Promise<Shape> {
  const dmmf = await internals.getDMMF({ datamodel: readFileSync(schemaPath, 'utf8') });
  const columns: string[] = [];
  const foreignKeys: string[] = [];
  const tableOf = new Map(dmmf.datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: string, field: string) => {
    const f = dmmf.datamodel.models.find((m) => m.name === model)?.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };
  for (const model of dmmf.datamodel.models) {
    const table = tableOf.get(model.name)!;
    for (const field of model.fields) {
      if (field.kind === 'object') {
        if (field.relationFromFields && field.relationFromFields.length > 0) {
          const from = field.relationFromFields.map((f) => columnOf(model.name, f)).join(',');
          const to = (field.relationToFields ?? []).map((f) => columnOf(field.type, f)).join(',');
          const onDelete = ON_DELETE[field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull')];
          foreignKeys.push(`${table}(${from}) -> ${tableOf.get(field.type)}(${to}) on delete ${onDelete}`);
        }
        continue;
      }
      const native = field.nativeType as [string, string[]] | null | undefined;
      let type = native ? nativeType(native[0], native[1]) : field.kind === 'enum' ? `"${field.type}"` : SCALAR[field.type] ?? `?${field.type}`;
      if (field.isList) type += '[]';
      const hasDefault = field.hasDefaultValue && !field.isUpdatedAt;
      columns.push(`${table}.${field.dbName ?? field.name} ${type} ${field.isRequired ? 'not null' : 'null'}${hasDefault ? ' default' : ''}`);
    }
  }
  const indexes = dmmf.datamodel.indexes.map((index) => {
    const table = tableOf.get(index.model)!;
    const cols = index.fields.map((f) => columnOf(index.model, f.name));
    const suffix = index.type === 'id' ? 'pkey' : index.type === 'unique' ? 'key' : 'idx';
    const name = index.dbName ?? (index.type === 'id' ? `${table}_pkey` : `${table}_${cols.join('_')}_${suffix}`);
    return `${index.type === 'normal' ? 'index' : 'unique'} ${name} on ${table}(${cols.join(',')})`;
  });
  return { columns: columns.sort(), indexes: indexes.sort(), foreignKeys: foreignKeys.sort() };
}

export async function actualShape(sql: SqlRunner, schema: string): Promise<Shape> {
  const columns = await sql.query<{ table: string; column: string; type: string; nullable: boolean; has_default: boolean }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, a.atthasdef AS has_default
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`,
    [schema],
  );
  const indexes = await sql.query<{ name: string; table: string; unique: boolean; cols: string }>(
    `SELECT i.relname AS name, t.relname AS table, x.indisunique AS unique,
            (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS cols
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND t.relname <> '_prisma_migrations'`,
    [schema],
  );
  const fks = await sql.query<{ table: string; cols: string; ref: string; ref_cols: string; on_delete: string }>(
    `SELECT t.relname AS table, r.relname AS ref,
            (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS cols,
            (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = k.attnum) AS ref_cols,
            CASE con.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'r' THEN 'RESTRICT' WHEN 'a' THEN 'NO ACTION' WHEN 'd' THEN 'SET DEFAULT' END AS on_delete
       FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE con.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  return {
    columns: columns.map((c) => `${c.table}.${c.column} ${c.type} ${c.nullable ? 'null' : 'not null'}${c.has_default ? ' default' : ''}`).sort(),
    indexes: indexes.map((i) => `${i.unique ? 'unique' : 'index'} ${i.name} on ${i.table}(${i.cols})`).sort(),
    foreignKeys: fks.map((f) => `${f.table}(${f.cols}) -> ${f.ref}(${f.ref_cols}) on delete ${f.on_delete}`).sort(),
  };
}

/**
 * The SQLite database of the local org: opening (WAL mode), one table per object with
 * a column per field, indexes, and the store's own bookkeeping tables.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
    DatabaseSync,
    type SQLInputValue,
    type SQLOutputValue,
    type StatementSync
} from 'node:sqlite';
import type { FieldDefinition, ObjectDefinition, OrgSchema } from '../../schema/types';

/** File name of the database inside the data folder. */
export const DATABASE_FILE = 'local-org.sqlite';

/** A row as node:sqlite returns it. */
export type Row = Record<string, SQLOutputValue>;

/** Quotes an identifier for SQL; API names never contain quotes, but `Group` is a keyword. */
export function quote(identifier: string): string {
    return `"${identifier.replace(/"/g, '""')}"`;
}

/** Column type and collation of a field. Text compares case-insensitively, as SOQL does. */
export function columnType(field: FieldDefinition): string {
    switch (field.type) {
        case 'boolean':
        case 'int':
            return 'INTEGER';
        case 'double':
        case 'currency':
        case 'percent':
            return 'REAL';
        case 'id':
        case 'reference':
        case 'date':
        case 'datetime':
        case 'time':
            return 'TEXT';
        default:
            return field.caseSensitive ? 'TEXT' : 'TEXT COLLATE NOCASE';
    }
}

/**
 * True when a field gets its own index: lookups (unless marked `indexed: false`),
 * external IDs, unique and often-filtered fields. The Id column has its UNIQUE index.
 */
function needsIndex(field: FieldDefinition): boolean {
    if (field.name === 'CreatedById' || field.name === 'LastModifiedById' || field.type === 'id') {
        return false;
    }
    if (field.type === 'reference') {
        return field.indexed !== false;
    }
    return field.externalId || field.unique || field.indexed === true;
}

/**
 * The database connection with a cache of prepared statements. All calls are
 * synchronous; Node runs them one at a time, which serializes writes in the process.
 */
export class Database {
    public readonly connection: DatabaseSync;
    private readonly statements = new Map<string, StatementSync>();

    public constructor(dataDir: string | undefined, reset: boolean) {
        const location = dataDir === undefined ? ':memory:' : path.join(dataDir, DATABASE_FILE);
        if (dataDir !== undefined) {
            mkdirSync(dataDir, { recursive: true });
            if (reset) {
                for (const suffix of ['', '-wal', '-shm']) {
                    rmSync(location + suffix, { force: true });
                }
            }
        }
        this.connection = new DatabaseSync(location);
        // WAL lets readers in other processes (inspection tools) work during writes;
        // NORMAL sync is durable across application crashes, which is what a test org needs.
        this.connection.exec('PRAGMA journal_mode = WAL');
        this.connection.exec('PRAGMA synchronous = NORMAL');
        this.connection.exec('PRAGMA busy_timeout = 5000');
        // 64 MiB of page cache keeps the indexes of a million-row table in memory while loading.
        this.connection.exec('PRAGMA cache_size = -65536');
        this.connection.exec('PRAGMA foreign_keys = OFF');
    }

    /** Returns a cached prepared statement for the SQL text. */
    public prepare(sql: string): StatementSync {
        let statement = this.statements.get(sql);
        if (!statement) {
            statement = this.connection.prepare(sql);
            if (this.statements.size > 500) {
                this.statements.clear();
            }
            this.statements.set(sql, statement);
        }
        return statement;
    }

    public all(sql: string, parameters: SQLInputValue[] = []): Row[] {
        return this.prepare(sql).all(...parameters);
    }

    public get(sql: string, parameters: SQLInputValue[] = []): Row | undefined {
        return this.prepare(sql).get(...parameters);
    }

    public run(sql: string, parameters: SQLInputValue[] = []): number {
        return Number(this.prepare(sql).run(...parameters).changes);
    }

    public close(): void {
        this.statements.clear();
        this.connection.close();
    }
}

const BOOKKEEPING_TABLES = [
    'CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
    'CREATE TABLE IF NOT EXISTS _counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)',
    `CREATE TABLE IF NOT EXISTS _notification (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sent_at TEXT NOT NULL,
        body TEXT NOT NULL
    )`
];

function existingColumns(database: Database, table: string): Set<string> {
    const rows = database.all(`PRAGMA table_info(${quote(table)})`);
    return new Set(rows.map((row) => String(row.name).toLowerCase()));
}

function createObjectTable(database: Database, object: ObjectDefinition): void {
    const columns = [...object.fields.values()].map((field) =>
        field.type === 'id'
            ? `${quote(field.name)} TEXT NOT NULL UNIQUE`
            : `${quote(field.name)} ${columnType(field)}`
    );
    database.connection.exec(
        `CREATE TABLE IF NOT EXISTS ${quote(object.name)} (${columns.join(', ')})`
    );
    // Columns of fields added to force-app since the database was created. Existing rows
    // get false in new checkboxes, because a checkbox is never null in Salesforce.
    const present = existingColumns(database, object.name);
    for (const field of object.fields.values()) {
        if (!present.has(field.name.toLowerCase())) {
            const fallback = field.type === 'boolean' ? ' NOT NULL DEFAULT 0' : '';
            database.connection.exec(
                `ALTER TABLE ${quote(object.name)} ADD COLUMN ${quote(field.name)} ${columnType(field)}${fallback}`
            );
        }
    }
}

function createIndexes(database: Database, object: ObjectDefinition): void {
    const table = quote(object.name);
    for (const field of object.fields.values()) {
        if (!needsIndex(field)) {
            continue;
        }
        const name = quote(`ix_${object.name}_${field.name}`);
        database.connection.exec(
            `CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${quote(field.name)})`
        );
    }
}

/** Creates the bookkeeping tables and one table per object, adding columns and indexes that are missing. */
export function createSchema(database: Database, schema: OrgSchema): void {
    for (const statement of BOOKKEEPING_TABLES) {
        database.connection.exec(statement);
    }
    for (const object of schema.objects.values()) {
        createObjectTable(database, object);
        createIndexes(database, object);
    }
}

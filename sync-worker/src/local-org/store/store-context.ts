/**
 * State shared by the store's modules: the database, the schema, the clock, Id and
 * counter generation, and the org settings that derived values and date literals use.
 */
import { randomInt } from 'node:crypto';
import type { ObjectDefinition, OrgSchema } from '../../schema/types';
import { buildId, toBase62 } from '../../schema/ids';
import type { Database } from './database';
import { SalesforceError } from './errors';
import { formatStoredDateTime } from './values';

/** A record as stored: column values keyed by canonical field name; checkboxes are 0 or 1. */
export type StoredValue = string | number | null;
export type StoredRecord = Record<string, StoredValue>;

/** Org settings read from the Organization record. */
export interface OrgSettings {
    timeZone: string;
    fiscalYearStartMonth: number;
}

/** Record Ids reserved per database write of the Id counter. */
const ID_BLOCK_SIZE = 100;

export class StoreContext {
    public readonly db: Database;
    public readonly schema: OrgSchema;
    public readonly apiVersion: string;
    /** User that writes without a `userId` act as: the integration user once seeded. */
    public defaultUserId: string | null = null;
    private readonly clock: () => Date;
    private readonly byPrefix = new Map<string, ObjectDefinition>();
    private lastStamp = '';
    private instance = '';
    private readonly idBlocks = new Map<string, { next: number; last: number }>();
    private settings: OrgSettings | undefined;

    public constructor(db: Database, schema: OrgSchema, clock: () => Date, apiVersion: string) {
        this.db = db;
        this.schema = schema;
        this.clock = clock;
        this.apiVersion = apiVersion;
        for (const object of schema.objects.values()) {
            this.byPrefix.set(object.keyPrefix, object);
        }
    }

    /** Returns the object, or throws `INVALID_TYPE` for a name the org does not have. */
    public objectOf(objectName: string): ObjectDefinition {
        const object = this.schema.objects.get(objectName.toLowerCase());
        if (!object) {
            throw new SalesforceError(
                'INVALID_TYPE',
                `sObject type '${objectName}' is not supported.`
            );
        }
        return object;
    }

    /** Returns the object whose records have this key prefix, if any. */
    public objectByPrefix(keyPrefix: string): ObjectDefinition | undefined {
        return this.byPrefix.get(keyPrefix);
    }

    /** Current time from the store's clock. */
    public now(): Date {
        return this.clock();
    }

    /**
     * Server time for SystemModstamp and default audit dates, never earlier than the
     * previous write of this store even when the clock goes back.
     */
    public stamp(): string {
        const current = formatStoredDateTime(this.clock());
        this.lastStamp = current > this.lastStamp ? current : this.lastStamp;
        return this.lastStamp;
    }

    /** Returns the next value of a named persistent counter, starting at 1. */
    public nextCounter(name: string): number {
        return this.reserveCounter(name, 1);
    }

    /**
     * Generates the next record Id of an object. Counters are reserved from the
     * database in blocks, so that inserts do not each write the counter row. A rollback
     * undoes a reservation, so it also drops the blocks (see `clearReservations`).
     */
    public nextId(object: ObjectDefinition): string {
        const name = `id:${object.name}`;
        let block = this.idBlocks.get(name);
        if (!block || block.next > block.last) {
            const last = this.reserveCounter(name, ID_BLOCK_SIZE);
            block = { next: last - ID_BLOCK_SIZE + 1, last };
            this.idBlocks.set(name, block);
        }
        const counter = block.next;
        block.next += 1;
        return buildId(object.keyPrefix, this.instanceCode(), counter);
    }

    /** Forgets reserved Id blocks after a rollback undid their reservation. */
    public clearReservations(): void {
        this.idBlocks.clear();
    }

    /** Adds `count` to a counter and returns the new value. */
    private reserveCounter(name: string, count: number): number {
        const row = this.db.get(
            `INSERT INTO _counter (name, value) VALUES (?, ?)
             ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value`,
            [name, count]
        );
        return Number(row?.value ?? count);
    }

    /** Reads a bookkeeping value. */
    public getMeta(key: string): string | undefined {
        const row = this.db.get('SELECT value FROM _meta WHERE key = ?', [key]);
        return row === undefined ? undefined : String(row.value);
    }

    public setMeta(key: string, value: string): void {
        this.db.run(
            'INSERT INTO _meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
            [key, value]
        );
    }

    /**
     * Two characters after the key prefix of every Id, chosen once per database, as
     * Salesforce Ids carry the pod that created them.
     */
    private instanceCode(): string {
        if (this.instance === '') {
            let code = this.getMeta('instance');
            if (code === undefined) {
                code = toBase62(randomInt(62 * 62), 2);
                this.setMeta('instance', code);
            }
            this.instance = code;
        }
        return this.instance;
    }

    /** Time zone and fiscal year of the org, from the Organization record. */
    public orgSettings(): OrgSettings {
        if (this.settings === undefined) {
            const row = this.db.get(
                'SELECT "TimeZoneSidKey", "FiscalYearStartMonth" FROM "Organization" WHERE "IsDeleted" = 0 LIMIT 1'
            );
            this.settings = {
                timeZone:
                    typeof row?.TimeZoneSidKey === 'string'
                        ? row.TimeZoneSidKey
                        : 'America/New_York',
                fiscalYearStartMonth: Number(row?.FiscalYearStartMonth ?? 1) || 1
            };
        }
        return this.settings;
    }

    /** Forgets cached org settings after the Organization record changes. */
    public clearOrgSettings(): void {
        this.settings = undefined;
    }
}

/**
 * Reading the engine benchmark's org back from its CSV files, the two ways the benchmark
 * times: only parsing the records, and parsing them into the snapshot the engine takes.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import {
    emptySnapshot,
    ownString,
    SignalColumnsBuilder,
    type OrgSnapshot
} from '../../sync-worker/src/policy/snapshot';
import {
    AccountSchema,
    EngagementSignalSchema,
    GroupSchema,
    LeadSchema,
    UserSchema,
    type Account,
    type Lead,
    type User
} from '../../sync-worker/src/schema/records';
import { benchId, FILES, type BenchSizes } from './engine-data';

const NEWLINE = 0x0a;
/** Distinct values of a column that `CompactRecords` shares; later ones are only copied. */
const SHARED_VALUES_PER_COLUMN = 1 << 12;

/**
 * Streams a CSV file written by `writeBenchData` (no quoted values) as records keyed by
 * its header, empty values as null. The values are substrings of the text read, which
 * V8 keeps alive behind them: `CompactRecords` makes the records that are kept compact.
 * Returns the number of records.
 */
export async function readCsv(
    path: string,
    onRecord: (record: Record<string, string | null>) => void
): Promise<number> {
    let header: string[] | null = null;
    let count = 0;
    let carry: Buffer | null = null;
    // 64 KiB pieces: V8 puts a string above 128 KiB in its large-object space, where a
    // decoded piece would outlive its lines until the next full garbage collection.
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
        const buffer: Buffer =
            carry === null ? (chunk as Buffer) : Buffer.concat([carry, chunk as Buffer]);
        const end = buffer.lastIndexOf(NEWLINE);
        if (end < 0) {
            carry = buffer;
            continue;
        }
        // Whole lines only, so that no character is cut in two.
        const text = buffer.toString('utf8', 0, end + 1);
        carry = end + 1 < buffer.length ? buffer.subarray(end + 1) : null;
        let from = 0;
        for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', from)) {
            const values = text.slice(from, newline).split(',');
            from = newline + 1;
            if (header === null) {
                header = values;
                continue;
            }
            const record: Record<string, string | null> = {};
            for (let column = 0; column < header.length; column++) {
                const value = values[column] ?? '';
                record[header[column] ?? ''] = value === '' ? null : value;
            }
            onRecord(record);
            count += 1;
        }
    }
    if (carry !== null && carry.length > 0) {
        throw new Error(`${path} does not end with a newline.`);
    }
    return count;
}

/**
 * Keeps parsed records compact, the way a large org has to be kept in memory. A field
 * with its schema's empty value (null, or false for a checkbox) is read from one shared
 * prototype instead of being stored on each of a million records. Text values are
 * copies that contain only their own characters (see `ownString`), with one string per
 * repeated value of a column (a status, an owner Id). The engine only reads fields, so
 * it sees the same values as in the records the schema returned.
 */
class CompactRecords<T extends object> {
    private readonly names: readonly string[];
    private readonly shared = new Map<string, Map<string, string>>();

    /** `empty` is the schema's output for a record with nothing but an Id. */
    constructor(private readonly empty: T) {
        this.names = Object.keys(empty);
    }

    compact(record: T): T {
        const fields = record as Record<string, unknown>;
        const defaults = this.empty as Record<string, unknown>;
        const compact = Object.create(this.empty) as Record<string, unknown>;
        for (const name of this.names) {
            const value = fields[name];
            if (value !== defaults[name]) {
                compact[name] = typeof value === 'string' ? this.own(name, value) : value;
            }
        }
        return compact as T;
    }

    private own(column: string, value: string): string {
        let values = this.shared.get(column);
        if (values === undefined) {
            values = new Map();
            this.shared.set(column, values);
        }
        const known = values.get(value);
        if (known !== undefined) {
            return known;
        }
        const own = ownString(value);
        if (values.size < SHARED_VALUES_PER_COLUMN) {
            values.set(own, own);
        }
        return own;
    }
}

/** Reads every file into records and drops them: the least any reader of the data does. */
export async function readRecords(dir: string): Promise<number> {
    let rows = 0;
    for (const file of Object.values(FILES)) {
        rows += await readCsv(join(dir, file), () => undefined);
    }
    return rows;
}

/** The benchmark org as the engine takes it, with the record lists the checks read. */
export interface ReadOrg {
    readonly snapshot: OrgSnapshot;
    readonly leads: readonly Lead[];
    readonly users: readonly User[];
    readonly accounts: readonly Account[];
}

/** Reads and validates every record with the worker's record schemas, signals into columns. */
export async function readSnapshot(dir: string, sizes: BenchSizes): Promise<ReadOrg> {
    const users: User[] = [];
    const accounts: Account[] = [];
    const leads: Lead[] = [];
    const signals = new SignalColumnsBuilder(sizes.signals);
    const compactAccounts = new CompactRecords(AccountSchema.parse({ Id: benchId('001', 0) }));
    const compactLeads = new CompactRecords(LeadSchema.parse({ Id: benchId('00Q', 0) }));
    await readCsv(join(dir, FILES.users), (record) => users.push(UserSchema.parse(record)));
    await readCsv(join(dir, FILES.accounts), (record) =>
        accounts.push(compactAccounts.compact(AccountSchema.parse(record)))
    );
    await readCsv(join(dir, FILES.leads), (record) =>
        leads.push(compactLeads.compact(LeadSchema.parse(record)))
    );
    // The columns keep their own copy of each Id and type, so signals need no compacting.
    await readCsv(join(dir, FILES.signals), (record) => {
        signals.add(EngagementSignalSchema.parse(record));
    });
    const queue = GroupSchema.parse({
        Id: benchId('00G', 0),
        Name: 'Marketing Nurture',
        DeveloperName: 'Marketing_Nurture',
        Type: 'Queue'
    });
    const snapshot: OrgSnapshot = {
        ...emptySnapshot(),
        users,
        accounts,
        leads,
        groups: [queue],
        signals: signals.build()
    };
    return { snapshot, leads, users, accounts };
}

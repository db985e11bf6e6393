import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

/**
 * Synthetic org data for the engine benchmark, written as Bulk API 2.0 style CSV files
 * (one header line, then one record a line, empty for null) so that reading it back
 * costs what a first sync costs the worker: read, split, validate with the record
 * schemas. Values come from a seeded generator, so a size always gives the same data.
 */

export interface BenchSizes {
    readonly leads: number;
    readonly signals: number;
    readonly accounts: number;
}

/** Reps and managers of the benchmark org. */
export const TEAM_SIZES = { Sales: 40, SDR: 20, Marketing: 10 } as const;
export const MANAGERS = 5;

export const SIGNAL_TYPES = [
    'Web Visit',
    'Email Click',
    'Content Download',
    'Webinar Attended',
    'Competitor Research',
    'Intent Surge',
    'Meeting Request',
    'Demo Request'
] as const;

/** Relative frequency of each signal type: mostly visits and clicks, few demo requests. */
const TYPE_ODDS = [40, 25, 12, 6, 5, 5, 4, 3];
const LEAD_SOURCES = [
    'Web',
    'Webinar',
    'Content Download',
    'Cold Call',
    'Purchased List',
    'Demo Request',
    'Trade Show'
];
const DAY_MS = 86_400_000;

/** Seeded 32-bit generator (mulberry32): the same seed always gives the same data. */
export function randomSource(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let value = state;
        value = Math.imul(value ^ (value >>> 15), value | 1);
        value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
        return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
    };
}

/** 18-character Salesforce-style Id from a key prefix and a counter. */
export function benchId(prefix: string, counter: number): string {
    return `${prefix}${counter.toString(36).padStart(12, '0')}AAA`;
}

/** Salesforce datetime text, `2027-03-01T10:00:00.000+0000`. */
function sfDateTime(time: number): string {
    return new Date(time).toISOString().replace('Z', '+0000');
}

class CsvWriter {
    private readonly stream: WriteStream;
    private buffer = '';

    constructor(path: string, header: readonly string[]) {
        this.stream = createWriteStream(path);
        this.buffer = `${header.join(',')}\n`;
    }

    async row(values: readonly (string | number | boolean | null)[]): Promise<void> {
        this.buffer += `${values.map((value) => (value === null ? '' : String(value))).join(',')}\n`;
        if (this.buffer.length > 1 << 20) {
            await this.flush();
        }
    }

    async close(): Promise<void> {
        await this.flush();
        this.stream.end();
        await once(this.stream, 'finish');
    }

    private async flush(): Promise<void> {
        const chunk = this.buffer;
        this.buffer = '';
        if (!this.stream.write(chunk)) {
            await once(this.stream, 'drain');
        }
    }
}

export const FILES = {
    users: 'users.csv',
    accounts: 'accounts.csv',
    leads: 'leads.csv',
    signals: 'signals.csv'
} as const;

/** Lead number `index` belongs to account `index mod accounts`; every 10th uses free mail, every 20th has no email. */
export function leadEmail(index: number, accounts: number): string | null {
    if (index % 20 === 19) {
        return null;
    }
    return index % 10 === 9 ? `p${index}@gmail.com` : `p${index}@acct${index % accounts}.com`;
}

async function writeUsers(dir: string): Promise<void> {
    const writer = new CsvWriter(join(dir, FILES.users), [
        'Id',
        'Name',
        'IsActive',
        'ManagerId',
        'SLA_Team__c'
    ]);
    for (let manager = 0; manager < MANAGERS; manager++) {
        await writer.row([benchId('005', manager), `Manager ${manager}`, true, null, null]);
    }
    let counter = MANAGERS;
    for (const [team, size] of Object.entries(TEAM_SIZES)) {
        for (let member = 0; member < size; member++) {
            await writer.row([
                benchId('005', counter),
                `${team} ${member}`,
                true,
                benchId('005', counter % MANAGERS),
                team
            ]);
            counter += 1;
        }
    }
    await writer.close();
}

async function writeAccounts(dir: string, sizes: BenchSizes, now: number): Promise<void> {
    const writer = new CsvWriter(join(dir, FILES.accounts), [
        'Id',
        'Name',
        'Website',
        'OwnerId',
        'CreatedDate',
        'Budget_Confirmed__c'
    ]);
    for (let index = 0; index < sizes.accounts; index++) {
        const owner = benchId('005', MANAGERS + (index % TEAM_SIZES.Sales));
        const created = sfDateTime(now - (400 + (index % 300)) * DAY_MS);
        await writer.row([
            benchId('001', index),
            `Account ${index}`,
            `https://www.acct${index}.com/`,
            owner,
            created,
            index % 4 === 0
        ]);
    }
    await writer.close();
}

async function writeLeads(
    dir: string,
    sizes: BenchSizes,
    now: number,
    random: () => number
): Promise<void> {
    const writer = new CsvWriter(join(dir, FILES.leads), [
        'Id',
        'LastName',
        'Company',
        'Email',
        'LeadSource',
        'Status',
        'OwnerId',
        'CreatedDate',
        'IsConverted'
    ]);
    for (let index = 0; index < sizes.leads; index++) {
        const source = LEAD_SOURCES[Math.floor(random() * LEAD_SOURCES.length)] ?? 'Web';
        const created = sfDateTime(now - Math.floor(random() * 200 * DAY_MS));
        await writer.row([
            benchId('00Q', index),
            `Lead ${index}`,
            `Company ${index % sizes.accounts}`,
            leadEmail(index, sizes.accounts),
            source,
            'Open - Not Contacted',
            benchId('00G', 0),
            created,
            false
        ]);
    }
    await writer.close();
}

function pickType(random: () => number): string {
    let roll = random() * 100;
    for (let index = 0; index < TYPE_ODDS.length; index++) {
        roll -= TYPE_ODDS[index] ?? 0;
        if (roll < 0) {
            return SIGNAL_TYPES[index] ?? 'Web Visit';
        }
    }
    return 'Web Visit';
}

async function writeSignals(
    dir: string,
    sizes: BenchSizes,
    now: number,
    random: () => number
): Promise<void> {
    const writer = new CsvWriter(join(dir, FILES.signals), [
        'Id',
        'Lead__c',
        'Type__c',
        'Occurred_At__c',
        'Weight__c'
    ]);
    for (let index = 0; index < sizes.signals; index++) {
        // Squaring skews signals towards a minority of hot leads, as in real orgs.
        const lead = Math.floor(random() * random() * sizes.leads);
        const age = Math.floor(random() * 200 * DAY_MS);
        const weight = index % 50 === 0 ? 25 : null;
        await writer.row([
            benchId('a0S', index),
            benchId('00Q', lead),
            pickType(random),
            sfDateTime(now - age),
            weight
        ]);
    }
    await writer.close();
}

/** Writes the benchmark org into `dir`. */
export async function writeBenchData(
    dir: string,
    sizes: BenchSizes,
    now: Date,
    seed: number
): Promise<void> {
    const random = randomSource(seed);
    await writeUsers(dir);
    await writeAccounts(dir, sizes, now.getTime());
    await writeLeads(dir, sizes, now.getTime(), random);
    await writeSignals(dir, sizes, now.getTime(), random);
}

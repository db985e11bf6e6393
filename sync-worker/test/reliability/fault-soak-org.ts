/**
 * Orgs for the API fault soak: a local org seeded with the small sample org, and the
 * edits people make between two cycles. Two orgs started and edited with the same seed
 * hold the same records with the same Ids at the same times, so a faulty run can be
 * compared with a fault-free one record by record.
 *
 * Time: every cycle evaluates the policy at the one frozen `SOAK_NOW`. The org's own
 * clock (CreatedDate, SystemModstamp, a task's CompletedDateTime) is a `SoakClock`: it
 * lies in the past of `SOAK_NOW` and moves 1 ms per reading, and each round of edits
 * starts it at a fixed time. So an edit gets the same timestamps in both runs, however
 * many requests the worker made before it.
 */
import { generateSampleOrg, loadSampleOrg, type SampleOrg } from '../../../scripts/sample-org';
import { Random } from '../../../scripts/sample-org/random';
import type { LocalOrgOptions } from '../../src/local-org';
import type { RecordInput } from '../../src/local-org/store';
import { startSyncOrg, type TestOrg } from '../sync/helpers';

/** Evaluation time of every cycle of a soak run. */
export const SOAK_NOW = new Date('2027-03-17T18:30:00.000Z');

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Org time at which the sample org is loaded. */
const LOAD_TIME_MS = SOAK_NOW.getTime() - 2 * HOUR_MS;

/** Org time of the first round of edits. */
const FIRST_ROUND_MS = LOAD_TIME_MS + 10 * MINUTE_MS;

/** Org time between two rounds: room for 60,000 clock readings, several times what a round uses. */
const ROUND_SPACING_MS = MINUTE_MS;

/**
 * The org's clock in a soak run: 1 ms later at each reading, so that it never stands
 * still and never depends on the machine's speed.
 */
export class SoakClock {
    private current = LOAD_TIME_MS;

    /** Returns the next time; the local org calls it for every timestamp it sets. */
    public readonly now = (): Date => {
        this.current += 1;
        return new Date(this.current);
    };

    /**
     * Moves the clock to the start of round `round`. A round that used up its minute
     * leaves the clock where it is; the check after each round catches that.
     */
    public startRound(round: number): void {
        this.current = Math.max(this.current, FIRST_ROUND_MS + round * ROUND_SPACING_MS);
    }

    /** True when the clock is still inside the minute of round `round`. */
    public isWithinRound(round: number): boolean {
        return this.current < FIRST_ROUND_MS + (round + 1) * ROUND_SPACING_MS;
    }
}

let sampleOrg: SampleOrg | undefined;

/** Generates the small sample org at `SOAK_NOW`, once per test file (about 0.1 s). */
function soakSample(): SampleOrg {
    sampleOrg ??= generateSampleOrg({ seed: 20_270_317, now: SOAK_NOW, scale: 'small' });
    return sampleOrg;
}

/** A local org that contains the small sample org, and its clock. */
export interface SoakOrg {
    readonly testOrg: TestOrg;
    readonly clock: SoakClock;
}

/** Starts a local org that contains the small sample org, on a `SoakClock`. */
export async function startSoakOrg(options: LocalOrgOptions = {}): Promise<SoakOrg> {
    const clock = new SoakClock();
    const testOrg = await startSyncOrg({
        clock: clock.now,
        seedData: (store) => {
            loadSampleOrg(store, soakSample());
        },
        ...options
    });
    return { testOrg, clock };
}

/** Lead sources the edits draw from: forced-Sales, inbound, outbound and purchased tiers. */
const LEAD_SOURCES = [
    'Demo Request',
    'Contact Sales',
    'Pricing Page',
    'Web',
    'Webinar',
    'Content Download',
    'Partner Referral',
    'Cold Call',
    'Purchased List'
] as const;

const SIGNAL_TYPES = [
    'Web Visit',
    'Email Click',
    'Content Download',
    'Webinar Attended',
    'Demo Request',
    'Meeting Request',
    'Intent Surge'
] as const;

/** Ages of new leads in hours: most are fresh, some arrive with their response window already over. */
const LEAD_AGES_HOURS = [0.1, 0.3, 0.5, 2, 5, 30] as const;

/** What one round of edits did, by kind. */
export interface EditCounts {
    leads: number;
    signals: number;
    calls: number;
    statusChanges: number;
    contactChanges: number;
}

/** Ids of the records edits pick from, sorted so that both orgs pick the same ones. */
interface Pools {
    leads: string[];
    contacts: string[];
    reps: string[];
    domains: string[];
}

function idsOf(testOrg: TestOrg, soql: string): string[] {
    const { records } = testOrg.org.store.query(soql, { batchSize: 100_000 });
    return records
        .map((record) => record.Id)
        .filter((id): id is string => typeof id === 'string')
        .sort();
}

function poolsOf(testOrg: TestOrg): Pools {
    const { records: accounts } = testOrg.org.store.query(
        'SELECT Website FROM Account WHERE Website != null ORDER BY Id'
    );
    return {
        // People edit leads that are not converted; the worker never creates or converts one.
        leads: idsOf(testOrg, 'SELECT Id FROM Lead WHERE IsConverted = false'),
        contacts: idsOf(testOrg, 'SELECT Id FROM Contact'),
        reps: idsOf(
            testOrg,
            "SELECT Id FROM User WHERE IsActive = true AND SLA_Team__c IN ('Sales', 'SDR')"
        ),
        domains: accounts
            .map((account) => String(account.Website).replace(/^https?:\/\/(www\.)?/, ''))
            .map((website) => website.split('/')[0] ?? website)
    };
}

function at(hoursBeforeNow: number): string {
    return new Date(SOAK_NOW.getTime() - hoursBeforeNow * HOUR_MS).toISOString();
}

/**
 * The edits of one round. Each takes its targets from records people own (leads,
 * contacts, users), never from what the worker wrote, so the faulty and the fault-free
 * run make the same edits whatever state the worker left them in.
 */
class RoundEditor {
    public readonly counts: EditCounts = {
        leads: 0,
        signals: 0,
        calls: 0,
        statusChanges: 0,
        contactChanges: 0
    };

    public constructor(
        private readonly testOrg: TestOrg,
        private readonly random: Random,
        public readonly pools: Pools,
        private readonly label: string
    ) {}

    private insert(object: string, fields: RecordInput, userId = this.testOrg.adminId): string {
        return this.testOrg.org.store.insert(object, fields, { userId, allowAuditFields: true });
    }

    public newLead(index: number): void {
        const name = `${this.label}-${index}`;
        const domain = this.random.chance(0.4)
            ? this.random.pick(this.pools.domains)
            : `${name}.example`;
        const ageHours = this.random.pick(LEAD_AGES_HOURS);
        const leadId = this.insert('Lead', {
            FirstName: 'Soak',
            LastName: name,
            Company: `Company ${name}`,
            Email: `${name}@${domain}`,
            LeadSource: this.random.pick(LEAD_SOURCES),
            CreatedDate: at(ageHours)
        });
        this.counts.leads += 1;
        for (let signal = this.random.int(0, 3); signal > 0; signal -= 1) {
            this.signal(leadId, `${name}-s${signal}`, ageHours * this.random.float(0, 1));
        }
    }

    public signal(personId: string, key: string, ageHours: number): void {
        const person = personId.startsWith('00Q')
            ? { Lead__c: personId }
            : { Contact__c: personId };
        this.insert('Engagement_Signal__c', {
            ...person,
            Type__c: this.random.pick(SIGNAL_TYPES),
            Occurred_At__c: at(ageHours),
            External_Id__c: `soak-${key}`,
            CreatedDate: at(ageHours)
        });
        this.counts.signals += 1;
    }

    public completedCall(): void {
        const rep = this.random.pick(this.pools.reps);
        this.insert(
            'Task',
            {
                OwnerId: rep,
                WhoId: this.random.pick(this.pools.leads),
                Subject: 'Call',
                Type: 'Call',
                Status: 'Completed'
            },
            rep
        );
        this.counts.calls += 1;
    }

    public statusChange(): void {
        const status = this.random.pick(['Working - Contacted', 'Qualified', 'Working']);
        this.testOrg.org.store.update(
            'Lead',
            this.random.pick(this.pools.leads),
            { Status: status },
            { userId: this.testOrg.adminId }
        );
        this.counts.statusChanges += 1;
    }

    public contactChange(): void {
        this.testOrg.org.store.update(
            'Contact',
            this.random.pick(this.pools.contacts),
            { Title: this.random.pick(['VP Sales', 'Director of IT', 'Analyst', 'CFO']) },
            { userId: this.testOrg.adminId }
        );
        this.counts.contactChanges += 1;
    }
}

/**
 * Makes round `round` of people's edits, the same for the same seed and round: new leads
 * (some with their response window already over), engagement signals, completed calls,
 * lead status changes and contact changes.
 */
export function editAsPeople(testOrg: TestOrg, seed: number, round: number): EditCounts {
    const random = new Random(`soak/${seed}/${round}`);
    const editor = new RoundEditor(testOrg, random, poolsOf(testOrg), `r${round}`);
    const newLeads = random.int(0, 2);
    for (let index = 0; index < newLeads; index += 1) {
        editor.newLead(index);
    }
    for (let signal = random.int(0, 3); signal > 0; signal -= 1) {
        const person = random.chance(0.6)
            ? random.pick(editor.pools.leads)
            : random.pick(editor.pools.contacts);
        editor.signal(person, `r${round}-x${signal}`, random.float(0, 48));
    }
    if (random.chance(0.4)) {
        editor.completedCall();
    }
    if (random.chance(0.2)) {
        editor.statusChange();
    }
    if (random.chance(0.2)) {
        editor.contactChange();
    }
    return editor.counts;
}

/**
 * Shapes of the generated sample org: plain records per object that point at each other
 * through client-side reference ids, resolved to real record Ids by the loader.
 */

/** A link to another generated record (`Lead:42`) or to a record the org already has. */
export interface RecordRef {
    readonly ref: string;
}

/**
 * References to records that exist before loading: the queues deployed with force-app
 * and the org's default business hours, which the local org creates when it opens.
 */
export const NURTURE_QUEUE_REF: RecordRef = { ref: 'Queue:Marketing_Nurture' };
export const REVOPS_QUEUE_REF: RecordRef = { ref: 'Queue:RevOps' };
export const DEFAULT_BUSINESS_HOURS_REF: RecordRef = { ref: 'BusinessHours:default' };

/** A field value: JSON scalars (datetimes as ISO 8601 text, dates as `YYYY-MM-DD`) or a reference. */
export type SampleValue = string | number | boolean | null | RecordRef;

export type SampleFields = Record<string, SampleValue>;

/**
 * Inputs of an external ID that the policy engine builds from record Ids
 * (`sync-worker/src/policy/keys.ts`). The generator has only reference ids, so the
 * loader builds the key once the referenced records have Ids. Times are ISO 8601 text.
 */
export type KeySpec =
    /** `Clock_Key__c` of a response or nurture clock started by routing. */
    | {
          readonly kind: 'route-clock';
          readonly person: RecordRef;
          readonly route: 'sales-1h' | 'sales-4h' | 'sdr-24h' | 'nurture';
          readonly triggerAt: string;
      }
    /** `Clock_Key__c` of the clock that replaced `clock` after a reassignment. */
    | { readonly kind: 'reassigned-clock'; readonly clock: RecordRef }
    /** `Breach_Key__c` of the breach of `clock`. */
    | { readonly kind: 'breach'; readonly clock: RecordRef }
    /** `Review_Key__c` of a Rep Breach Review. */
    | { readonly kind: 'rep-review'; readonly user: RecordRef; readonly fiscalQuarter: string };

/** One generated record. `ref` is unique across the whole sample org. */
export interface SampleRecord {
    readonly ref: string;
    readonly fields: SampleFields;
    readonly key?: KeySpec;
}

/** The records of one object, in insert order. */
export interface SampleObject {
    readonly objectName: string;
    readonly records: readonly SampleRecord[];
}

/** A lead the loader converts after inserting it, into an existing account. */
export interface LeadConversion {
    readonly lead: RecordRef;
    readonly account: RecordRef;
}

/** Record counts of one scale. Every count is a whole number of at least the minimum shown. */
export interface ScaleCounts {
    /** Managers of account executives (2+) and of SDRs (1+). */
    readonly salesManagers: number;
    readonly sdrManagers: number;
    /** Reps under each manager (3+, so a level-3 reassignment always has someone to go to). */
    readonly repsPerSalesManager: number;
    readonly repsPerSdrManager: number;
    /** Reps that left the company and are inactive (0+). */
    readonly inactiveReps: number;
    readonly marketingUsers: number;
    readonly accounts: number;
    readonly contacts: number;
    readonly leads: number;
    readonly campaigns: number;
    /** Leads handed to sales in each of the last three complete months (10+). */
    readonly handoffsPerMonth: number;
    /** Response clocks due last month for the team whose breach rate is flagged (10+). */
    readonly teamClocksDue: number;
    /** Open response clocks of each kind: on track, past the warning point, met since. */
    readonly openClocksPerKind: number;
}

export type ScaleName = 'small' | 'standard' | 'large';

/** Options of `generateSampleOrg`. */
export interface GenerateOptions {
    /** Same seed and `now` give identical output. */
    readonly seed: number | string;
    /** The instant the history leads up to; every generated time is at or before it, except due times. */
    readonly now: Date | string;
    /** A preset, or counts that override a preset (`base`, default `standard`). */
    readonly scale?: ScaleName | (Partial<ScaleCounts> & { readonly base?: ScaleName });
}

/** Values the loader writes on the Organization record the local org created. */
export interface OrganizationSettings {
    readonly Name: string;
    readonly FiscalYearStartMonth: number;
    readonly TimeZoneSidKey: string;
}

/** The generated org. */
export interface SampleOrg {
    readonly seed: string;
    readonly now: string;
    readonly scale: ScaleCounts;
    readonly organization: OrganizationSettings;
    /** Field values of the default BusinessHours record, which the loader updates in place. */
    readonly businessHours: SampleFields;
    /** Records in dependency order: a record only references records of earlier objects or earlier in its own list. */
    readonly objects: readonly SampleObject[];
    readonly conversions: readonly LeadConversion[];
}

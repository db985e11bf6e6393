import '../local-org/store/quiet-logs';
import { breachKey, disputeReviewClockKey, routeClockKey } from '../../src/policy/keys';
import { RECORD_SCHEMAS } from '../../src/schema/records';
import type { OrgHistory } from '../../src/simulate/history';
import { initialMirror } from '../../src/simulate/initial-state';
import { HistoryTimeline } from '../../src/simulate/timeline';
import type { StoredRecord } from '../../src/sync/mirror';
import { MIRRORED_OBJECTS, type MirroredObject } from '../../src/sync/objects';

const ZONE = 'America/New_York';

/** Ids of the made-up records, with the key prefixes of their objects. */
const LEAD = '00Q000000000001AAA';
const LATE_LEAD = '00Q000000000002AAA';
const CONVERTED = '00Q000000000003AAA';
const CONTACT = '003000000000001AAA';
const ACCOUNT = '001000000000001AAA';
const OPPORTUNITY = '006000000000001AAA';
const TASK = '00T000000000001AAA';
const ENGINE_TASK = '00T000000000002AAA';
const MEMBER = '00v000000000001AAA';
const CAMPAIGN = '701000000000001AAA';
const REP = '005000000000001AAA';
const OTHER_REP = '005000000000002AAA';

const at = (iso: string): number => Date.parse(iso);

/** Parses records with the worker's schemas into a history, every other object empty. */
function historyOf(
    records: Partial<Record<MirroredObject, Record<string, unknown>[]>>
): OrgHistory {
    const parsed: Partial<Record<MirroredObject, unknown[]>> = {};
    for (const object of MIRRORED_OBJECTS) {
        parsed[object] = (records[object] ?? []).map((record) =>
            RECORD_SCHEMAS[object].parse(record)
        );
    }
    return { description: 'test', records: parsed as OrgHistory['records'], invalid: [] };
}

const REJECTED_AT = '2024-03-05T15:00:00.000Z';
const DISPUTED_AT = '2024-03-05T18:00:00.000Z';
const DECIDED_AT = '2024-03-06T14:00:00.000Z';

/** A lead Sales rejected, disputed and had overturned; the dispute times come from its review clock. */
const rejectedLead = {
    Id: LEAD,
    LastName: 'Rivera',
    Email: 'rivera@example.test',
    CreatedDate: '2024-03-01T12:00:00.000Z',
    LastModifiedDate: '2024-03-07T10:00:00.000Z',
    Status: 'Rejected',
    Rejection_Reason__c: 'No budget',
    Rejected_At__c: REJECTED_AT,
    Dispute_Status__c: 'Overturned',
    Dispute_Evidence_URL__c: 'https://example.test/evidence',
    Routing_Decision__c: 'Sales 1h',
    Last_Evaluated_At__c: '2024-03-02T12:00:00.000Z',
    OwnerId: OTHER_REP
};

const disputeClock = {
    Id: 'a00000000000001AAA',
    Clock_Key__c: disputeReviewClockKey(LEAD, new Date(REJECTED_AT)),
    Type__c: 'Dispute Review',
    Lead__c: LEAD,
    Started_At__c: DISPUTED_AT,
    Completed_At__c: DECIDED_AT,
    Status__c: 'Met',
    CreatedDate: DISPUTED_AT
};

const routeKey = routeClockKey(LEAD, 'sales-1h', new Date('2024-03-01T12:00:00.000Z'));
const routeClock = {
    Id: 'a00000000000002AAA',
    Clock_Key__c: routeKey,
    Type__c: 'Response',
    Lead__c: LEAD,
    Responsible_User__c: REP,
    Trigger_At__c: '2024-03-01T12:00:00.000Z',
    Started_At__c: '2024-03-01T12:01:00.000Z',
    Warning_At__c: '2024-03-01T12:46:00.000Z',
    Due_At__c: '2024-03-01T13:01:00.000Z',
    Status__c: 'Breached',
    CreatedDate: '2024-03-01T12:01:00.000Z'
};

const followUpClock = {
    Id: 'a00000000000003AAA',
    Clock_Key__c: `FollowUp:${ACCOUNT}:2024-03-02T10:00:00.000Z`,
    Type__c: 'Follow Up',
    Account__c: ACCOUNT,
    Trigger_At__c: '2024-03-02T10:00:00.000Z',
    Started_At__c: '2024-03-02T10:00:00.000Z',
    Warning_At__c: '2024-03-05T10:00:00.000Z',
    Due_At__c: '2024-03-08T04:59:59.999Z',
    Completed_At__c: '2024-03-06T16:00:00.000Z',
    Status__c: 'Met',
    CreatedDate: '2024-03-02T10:01:00.000Z'
};

const history = historyOf({
    Lead: [
        rejectedLead,
        {
            Id: LATE_LEAD,
            LastName: 'Late',
            CreatedDate: '2024-03-01T12:00:00.000Z',
            Routing_Decision__c: 'Nurture',
            Intent_Score__c: 40,
            Last_Evaluated_At__c: '2024-03-05T09:00:00.000Z'
        },
        {
            Id: CONVERTED,
            LastName: 'Convert',
            CreatedDate: '2024-03-01T12:00:00.000Z',
            IsConverted: true,
            ConvertedDate: '2024-03-05',
            ConvertedContactId: CONTACT,
            ConvertedAccountId: ACCOUNT
        }
    ],
    Contact: [{ Id: CONTACT, LastName: 'Convert', CreatedDate: '2024-03-05T16:30:00.000Z' }],
    Account: [
        {
            Id: ACCOUNT,
            Name: 'Acme',
            CreatedDate: '2024-02-01T12:00:00.000Z',
            Lifecycle_Stage__c: 'Qualified',
            Stage_Changed_At__c: '2024-03-02T09:00:00.000Z',
            Lifecycle_Owner__c: 'Sales',
            Handoff_At__c: '2024-03-06T10:00:00.000Z',
            Committee_Intent_Score__c: 81
        }
    ],
    Opportunity: [
        {
            Id: OPPORTUNITY,
            Name: 'Acme deal',
            AccountId: ACCOUNT,
            CreatedDate: '2024-02-01T12:00:00.000Z',
            IsClosed: true,
            IsWon: true,
            CloseDate: '2024-03-05'
        }
    ],
    Task: [
        {
            Id: TASK,
            WhoId: LEAD,
            OwnerId: REP,
            Status: 'Completed',
            IsClosed: true,
            CreatedDate: '2024-03-04T12:00:00.000Z',
            CompletedDateTime: '2024-03-05T12:00:00.000Z'
        },
        {
            Id: ENGINE_TASK,
            OwnerId: REP,
            Status: 'Completed',
            IsClosed: true,
            Description: 'Call the account\n\nSLA key: Cadence:FollowUp:x:0',
            CreatedDate: '2024-03-02T10:01:00.000Z',
            CompletedDateTime: '2024-03-05T20:00:00.000Z'
        }
    ],
    CampaignMember: [
        {
            Id: MEMBER,
            CampaignId: CAMPAIGN,
            LeadId: LEAD,
            CreatedDate: '2024-03-01T12:00:00.000Z',
            HasResponded: true,
            FirstRespondedDate: '2024-03-04'
        }
    ],
    SLA_Clock__c: [disputeClock, routeClock, followUpClock],
    SLA_Breach__c: [
        {
            Id: 'a01000000000001AAA',
            Breach_Key__c: breachKey(routeKey),
            Lead__c: LEAD,
            Breached_At__c: '2024-03-01T13:01:00.000Z',
            CreatedDate: '2024-03-05T10:00:00.000Z',
            Action__c: 'Reminder'
        }
    ],
    Group: [{ Id: '00G000000000001AAA', DeveloperName: 'Marketing_Nurture', Type: 'Queue' }]
});

const timeline = new HistoryTimeline(history, ZONE);

function leadAt(iso: string): StoredRecord | null {
    const lead = timeline.record('Lead', LEAD);
    return lead === undefined ? null : timeline.versionAt('Lead', lead, at(iso));
}

describe('history timeline', () => {
    it('hides a lead before its creation', () => {
        expect(leadAt('2024-03-01T11:59:59.000Z')).toBeNull();
        expect(leadAt('2024-03-01T12:00:00.000Z')?.Id).toBe(LEAD);
    });

    it('undoes the rejection and the dispute before their times', () => {
        const fields = (iso: string): unknown[] => {
            const lead = leadAt(iso);
            return [lead?.Status, lead?.Rejection_Reason__c, lead?.Dispute_Status__c];
        };
        expect(fields('2024-03-05T14:59:00.000Z')).toEqual([null, null, null]);
        expect(fields(REJECTED_AT)).toEqual(['Rejected', 'No budget', null]);
        expect(fields(DISPUTED_AT)).toEqual(['Rejected', 'No budget', 'Open']);
        expect(fields(DECIDED_AT)).toEqual(['Rejected', 'No budget', 'Overturned']);
    });

    it('dates a conversion by the contact it made that day', () => {
        const lead = timeline.record('Lead', CONVERTED);
        const version = (iso: string): StoredRecord | null =>
            lead === undefined ? null : timeline.versionAt('Lead', lead, at(iso));
        expect(version('2024-03-05T16:29:00.000Z')?.IsConverted).toBe(false);
        expect(version('2024-03-05T16:29:00.000Z')?.ConvertedContactId).toBeNull();
        expect(version('2024-03-05T16:30:00.000Z')?.IsConverted).toBe(true);
    });

    it('opens a task until its completion', () => {
        const task = timeline.record('Task', TASK);
        const before =
            task === undefined
                ? null
                : timeline.versionAt('Task', task, at('2024-03-05T11:00:00.000Z'));
        expect(before?.IsClosed).toBe(false);
        expect(before?.Status).toBe('Not Started');
        expect(before?.CompletedDateTime).toBeNull();
    });

    it('closes an opportunity at local midnight', () => {
        const opportunity = timeline.record('Opportunity', OPPORTUNITY);
        expect(timeline.changeTimes('Opportunity', opportunity ?? { Id: '' })).toEqual([
            at('2024-02-01T12:00:00.000Z'),
            at('2024-03-05T05:00:00.000Z')
        ]);
    });

    it('keeps engine tasks apart, with their completion', () => {
        expect(timeline.record('Task', ENGINE_TASK)).toBeUndefined();
        expect(timeline.engineTasks.get('Cadence:FollowUp:x:0')?.at).toBe(
            at('2024-03-05T20:00:00.000Z')
        );
    });

    it('lists the changes of a window in time order', () => {
        const events = timeline
            .eventsBetween(at('2024-03-04T00:00:00.000Z'), at('2024-03-06T12:00:00.000Z'))
            .map(
                (event) =>
                    `${new Date(event.at).toISOString()} ${event.kind === 'record' ? event.object : event.key}`
            );
        expect(events).toEqual([
            '2024-03-04T05:00:00.000Z CampaignMember',
            '2024-03-04T12:00:00.000Z Task',
            '2024-03-05T05:00:00.000Z Opportunity',
            '2024-03-05T12:00:00.000Z Task',
            '2024-03-05T15:00:00.000Z Lead',
            '2024-03-05T16:30:00.000Z Contact',
            '2024-03-05T16:30:00.000Z Lead',
            '2024-03-05T18:00:00.000Z Lead',
            '2024-03-05T20:00:00.000Z Cadence:FollowUp:x:0'
        ]);
    });
});

describe('initial state of a replay', () => {
    const from = at('2024-03-04T12:00:00.000Z');
    const mirror = initialMirror(history, timeline, from);

    it('reopens a clock whose breach was recorded after the start', () => {
        const id = mirror.idOfKey('SLA_Clock__c', routeKey);
        const clock = id === undefined ? undefined : mirror.get('SLA_Clock__c', id);
        expect(clock?.Status__c).toBe('Warning');
        expect(mirror.list('SLA_Breach__c')).toEqual([]);
    });

    it('reopens a clock completed after the start and drops later clocks', () => {
        const id = mirror.idOfKey('SLA_Clock__c', followUpClock.Clock_Key__c);
        const clock = id === undefined ? undefined : mirror.get('SLA_Clock__c', id);
        expect(clock?.Status__c).toBe('Open');
        expect(clock?.Completed_At__c).toBeNull();
        expect(mirror.idOfKey('SLA_Clock__c', disputeClock.Clock_Key__c)).toBeUndefined();
    });

    it('keeps the engine values of a lead last evaluated before the start', () => {
        const lead = mirror.get('Lead', LEAD);
        expect(lead?.Routing_Decision__c).toBe('Sales 1h');
        expect(lead?.Status).toBeNull();
        // The responsible rep of its latest route clock owned it then.
        expect(lead?.OwnerId).toBe(REP);
    });

    it('empties the engine values of a lead evaluated later', () => {
        const lead = mirror.get('Lead', LATE_LEAD);
        expect(lead?.Routing_Decision__c).toBeNull();
        expect(lead?.Intent_Score__c).toBeNull();
    });

    it('restores the account stage and its handoff from the follow-up clock', () => {
        const account = mirror.get('Account', ACCOUNT);
        expect(account?.Lifecycle_Stage__c).toBe('Qualified');
        expect(account?.Lifecycle_Owner__c).toBe('Sales');
        expect(account?.Handoff_At__c?.toISOString()).toBe('2024-03-02T10:00:00.000Z');
        expect(account?.Committee_Intent_Score__c).toBeNull();
    });

    it('holds the records of that time only', () => {
        expect(mirror.get('Contact', CONTACT)).toBeUndefined();
        expect(mirror.get('Opportunity', OPPORTUNITY)?.IsClosed).toBe(false);
        // The response dates from that morning, midnight in New York.
        expect(mirror.get('CampaignMember', MEMBER)?.HasResponded).toBe(true);
        const engineTask = mirror.get('Task', ENGINE_TASK);
        expect(engineTask?.IsClosed).toBe(false);
    });
});

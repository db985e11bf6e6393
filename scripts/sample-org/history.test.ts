import {
    businessMillisBetween,
    shiftCalendarMonth
} from '../../sync-worker/src/policy/business-time';
import { rawIntent, storedIntent, isActive, type PlannedSignal, type SignalType } from './scoring';
import {
    breachesThisQuarter,
    framesFor,
    pastDueBreachCounts,
    recordsOf,
    refField,
    rejectionFigures,
    sampleOrgFor,
    teamFigures,
    textField,
    timeField,
    TEST_NOW
} from './test-support';
import type { SampleOrg } from './types';

const HOUR_MS = 3_600_000;

/** Planned signals per person reference, read back from the signal records. */
function signalsByPerson(org: SampleOrg): Map<string, PlannedSignal[]> {
    const byPerson = new Map<string, PlannedSignal[]>();
    for (const signal of recordsOf(org, 'Engagement_Signal__c')) {
        const person =
            refField(signal.fields, 'Lead__c') ?? refField(signal.fields, 'Contact__c') ?? '';
        const weight = signal.fields.Weight__c;
        const list = byPerson.get(person) ?? [];
        list.push({
            type: signal.fields.Type__c as SignalType,
            atMs: timeField(signal.fields, 'Occurred_At__c'),
            weight: typeof weight === 'number' ? weight : null
        });
        byPerson.set(person, list);
    }
    return byPerson;
}

/** Committee intent per account reference: the rounded mean of the top three active contacts. */
function committees(org: SampleOrg): Map<string, { active: number; intent: number }> {
    const nowMs = Date.parse(org.now);
    const signals = signalsByPerson(org);
    const scores = new Map<string, number[]>();
    for (const contact of recordsOf(org, 'Contact')) {
        const personal = signals.get(contact.ref) ?? [];
        const account = refField(contact.fields, 'AccountId') ?? '';
        if (isActive(personal, nowMs)) {
            scores.set(account, [
                ...(scores.get(account) ?? []),
                storedIntent(personal, nowMs, null)
            ]);
        }
    }
    const result = new Map<string, { active: number; intent: number }>();
    for (const [account, list] of scores) {
        const top = [...list].sort((a, b) => b - a).slice(0, 3);
        result.set(account, {
            active: list.length,
            intent: Math.round(top.reduce((sum, score) => sum + score, 0) / 3)
        });
    }
    return result;
}

describe('sample org scores', () => {
    const org = sampleOrgFor(1);
    const nowMs = Date.parse(org.now);
    const scores = [...signalsByPerson(org).values()].map((signals) =>
        storedIntent(signals, nowMs, null)
    );

    it('spreads intent across the thresholds', () => {
        expect(scores.filter((score) => score > 70).length).toBeGreaterThan(5);
        expect(scores.filter((score) => score > 0 && score < 30).length).toBeGreaterThan(50);
        expect(scores.filter((score) => score >= 30 && score <= 69).length).toBeGreaterThan(5);
    });

    it('has people at exactly 70 and 71', () => {
        expect(scores.filter((score) => score === 70).length).toBeGreaterThanOrEqual(2);
        expect(scores.filter((score) => score === 71).length).toBeGreaterThanOrEqual(2);
    });

    it('keeps a boundary score for hours after now', () => {
        const exact = [...signalsByPerson(org).values()].filter(
            (signals) => storedIntent(signals, nowMs, null) === 70
        );
        for (const signals of exact) {
            expect(Math.round(rawIntent(signals, nowMs + 3 * HOUR_MS))).toBe(70);
        }
    });

    it('has committees at exactly 70 and 69 and hot ones above', () => {
        const figures = committees(org);
        expect(figures.get('Account:0')).toEqual({ active: 3, intent: 70 });
        expect(figures.get('Account:1')).toEqual({ active: 3, intent: 69 });
        expect(figures.get('Account:2')?.active).toBe(4);
        expect(figures.get('Account:3')?.active).toBe(3);
        const hot = [...figures.values()].filter(
            (figure) => figure.active >= 3 && figure.intent > 70
        );
        expect(hot.length).toBeGreaterThanOrEqual(3);
    });
});

describe('sample org SLA history', () => {
    const org = sampleOrgFor(1);
    const nowMs = Date.parse(org.now);
    const frames = framesFor(org.now);
    const clocks = recordsOf(org, 'SLA_Clock__c');
    const openClocks = clocks.filter(
        (clock) => clock.fields.Status__c === 'Open' && clock.fields.Type__c === 'Response'
    );

    it('has open clocks on track, past warning and past due', () => {
        const warningAt = (clock: (typeof clocks)[number]) =>
            timeField(clock.fields, 'Warning_At__c');
        const dueAt = (clock: (typeof clocks)[number]) => timeField(clock.fields, 'Due_At__c');
        expect(
            openClocks.filter((clock) => warningAt(clock) > nowMs).length
        ).toBeGreaterThanOrEqual(2);
        expect(
            openClocks.filter((clock) => warningAt(clock) <= nowMs && dueAt(clock) > nowMs).length
        ).toBeGreaterThanOrEqual(2);
        expect(openClocks.filter((clock) => dueAt(clock) < nowMs).length).toBeGreaterThanOrEqual(5);
    });

    it('has open clocks already answered by their owner', () => {
        const tasks = recordsOf(org, 'Task').filter((task) => task.fields.Status === 'Completed');
        const answered = openClocks.filter((clock) =>
            tasks.some(
                (task) =>
                    refField(task.fields, 'WhoId') === refField(clock.fields, 'Lead__c') &&
                    refField(task.fields, 'OwnerId') ===
                        refField(clock.fields, 'Responsible_User__c') &&
                    timeField(task.fields, 'CreatedDate') >=
                        timeField(clock.fields, 'Started_At__c')
            )
        );
        expect(answered.length).toBe(org.scale.openClocksPerKind);
    });

    it('times clocks with the business calendar', () => {
        const windows = new Set([1, 24, 48].map((hours) => hours * HOUR_MS));
        for (const clock of clocks.filter((candidate) => candidate.fields.Type__c === 'Response')) {
            const start = new Date(timeField(clock.fields, 'Started_At__c'));
            const due = new Date(timeField(clock.fields, 'Due_At__c'));
            expect(windows.has(businessMillisBetween(start, due, frames.calendar))).toBe(true);
        }
    });

    it('escalation reps have 0 to 3 breaches', () => {
        expect(pastDueBreachCounts(org)).toEqual(expect.arrayContaining([0, 1, 2, 3]));
    });

    it('opens the rep breach review of the third breach', () => {
        const counts = breachesThisQuarter(org);
        const reviewed = recordsOf(org, 'SLA_Review__c').map((review) =>
            refField(review.fields, 'Subject_User__c')
        );
        const atThree = [...counts].filter(([, count]) => count >= 3).map(([rep]) => rep);
        expect(reviewed.sort()).toEqual(atThree.sort());
    });

    it('puts last month team breach rates around 10%', () => {
        const figures = [
            ...teamFigures(org, shiftCalendarMonth(frames.monthOf(nowMs), -1)).values()
        ];
        expect(figures.some(({ due, breached }) => due >= 10 && breached * 10 > due)).toBe(true);
        expect(figures.some(({ due, breached }) => due >= 10 && breached * 10 === due)).toBe(true);
        expect(figures.some(({ due, breached }) => due < 10 && breached * 10 > due)).toBe(true);
    });

    it('puts rejection rates at 20% then above it twice', () => {
        const month = frames.monthOf(nowMs);
        const [last, second, third] = [1, 2, 3].map((back) =>
            rejectionFigures(org, shiftCalendarMonth(month, -back))
        );
        expect(third?.handoffs).toBeGreaterThanOrEqual(org.scale.handoffsPerMonth);
        expect((third?.rejected ?? 0) * 5).toBe(third?.handoffs);
        expect((second?.rejected ?? 0) * 5).toBeGreaterThan(second?.handoffs ?? 0);
        expect((last?.rejected ?? 0) * 5).toBeGreaterThan(last?.handoffs ?? 0);
    });

    it('has one open dispute with evidence', () => {
        const disputed = recordsOf(org, 'Lead').filter(
            (lead) => lead.fields.Dispute_Status__c === 'Open'
        );
        expect(disputed).toHaveLength(1);
        expect(textField(disputed[0]?.fields ?? {}, 'Dispute_Evidence_URL__c')).toMatch(
            /^https:\/\//
        );
        expect(disputed[0]?.fields.Status).toBe('Rejected');
        expect(typeof disputed[0]?.fields.Rejection_Reason__c).toBe('string');
    });

    it('has nurture periods running and over', () => {
        const nurture = clocks.filter((clock) => clock.fields.Type__c === 'Nurture');
        expect(nurture.some((clock) => timeField(clock.fields, 'Due_At__c') < nowMs)).toBe(true);
        expect(nurture.some((clock) => timeField(clock.fields, 'Due_At__c') > nowMs)).toBe(true);
    });
});

/** Returns one date in each month of a year, at varied days and hours (UTC). */
function datesAcrossYear(): [string, string][] {
    return Array.from({ length: 12 }, (_, month) => {
        const date = new Date(Date.UTC(2027, month, 1 + ((month * 5) % 28), (month * 7) % 24, 17));
        return [date.toISOString().slice(0, 10), date.toISOString()];
    });
}

describe('sample org history at awkward times', () => {
    const nows: [string, string][] = [
        ['first hour of a fiscal quarter', '2027-02-01T13:30:00.000Z'],
        ['a Saturday', '2027-03-20T15:00:00.000Z'],
        ['the day clocks go forward', '2027-03-14T16:00:00.000Z'],
        ["New Year's Day", '2027-01-01T15:00:00.000Z'],
        ['the last evening of a month', '2027-04-30T23:30:00.000Z'],
        ['an early morning before opening', TEST_NOW.replace('18:30', '10:15')],
        ...datesAcrossYear()
    ];

    it.each(nows)('keeps the designed figures on %s', (_label, now) => {
        const org = sampleOrgFor(5, now);
        const month = framesFor(now).monthOf(Date.parse(now));
        const [last, second, third] = [1, 2, 3].map((back) =>
            rejectionFigures(org, shiftCalendarMonth(month, -back))
        );
        expect((third?.rejected ?? 0) * 5).toBe(third?.handoffs);
        expect((second?.rejected ?? 0) * 5).toBeGreaterThan(second?.handoffs ?? 0);
        expect((last?.rejected ?? 0) * 5).toBeGreaterThan(last?.handoffs ?? 0);
        const teams = [...teamFigures(org, shiftCalendarMonth(month, -1)).values()];
        expect(teams.filter(({ due, breached }) => due >= 10 && breached * 10 > due)).not.toEqual(
            []
        );
        expect(teams.filter(({ due, breached }) => due >= 10 && breached * 10 === due)).not.toEqual(
            []
        );
        expect(teams.filter(({ due, breached }) => due < 10 && breached * 10 > due)).not.toEqual(
            []
        );
        expect(pastDueBreachCounts(org)).toEqual(expect.arrayContaining([0, 1, 2, 3]));
    });
});

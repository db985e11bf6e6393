/**
 * The revenue team: a VP of Sales with sales and SDR managers and their reps, a CMO with
 * marketing users, and RevOps. Managers are found through `ManagerId`; `SLA_Team__c`
 * is set on the people who work leads (reps, marketing, RevOps). The VP and the
 * managers carry no team, so routing never hands them leads of its own accord.
 */
import { RecordBuilder, type SampleObjectName } from './builder';
import { personName, slug, type PersonName } from './names';
import type { Random } from './random';
import { DAY_MS } from './scoring';
import { ORG_DOMAIN, ORG_TIME_ZONE } from './setup';
import { NURTURE_QUEUE_REF, REVOPS_QUEUE_REF, type RecordRef, type ScaleCounts } from './types';

export type SlaTeam = 'Sales' | 'SDR' | 'Marketing' | 'RevOps';
type StaffRole = 'vp' | 'cmo' | 'revops' | 'manager' | 'rep' | 'marketing';

export interface StaffMember {
    readonly ref: RecordRef;
    readonly name: PersonName;
    readonly role: StaffRole;
    /** `SLA_Team__c`; null for the VP and the managers. */
    readonly team: SlaTeam | null;
    /** Sales or SDR for managers and reps: the side of the floor they work on. */
    readonly side: 'Sales' | 'SDR' | null;
    readonly manager: StaffMember | null;
    readonly active: boolean;
}

export interface Staff {
    readonly vp: StaffMember;
    readonly cmo: StaffMember;
    readonly revops: readonly StaffMember[];
    /** Sales managers first, then SDR managers. */
    readonly managers: readonly StaffMember[];
    readonly salesReps: readonly StaffMember[];
    readonly sdrReps: readonly StaffMember[];
    readonly marketing: readonly StaffMember[];
}

const REP_TIME_ZONES = [
    ORG_TIME_ZONE,
    ORG_TIME_ZONE,
    'America/Chicago',
    'America/Denver',
    'America/Los_Angeles'
];

const TITLES: Readonly<Record<StaffRole, string>> = {
    vp: 'VP of Sales',
    cmo: 'Chief Marketing Officer',
    revops: 'Revenue Operations Lead',
    manager: 'Sales Manager',
    rep: 'Account Executive',
    marketing: 'Marketing Manager'
};

/** Reps of one manager (the team whose breach rate is measured), active or not. */
export function teamOf(staff: Staff, manager: StaffMember): StaffMember[] {
    return [...staff.salesReps, ...staff.sdrReps].filter((rep) => rep.manager === manager);
}

interface UserSpec {
    role: StaffRole;
    team: SlaTeam | null;
    side: 'Sales' | 'SDR' | null;
    manager: StaffMember | null;
    active?: boolean;
    title?: string;
}

class StaffWriter {
    private readonly takenNames = new Set<string>();

    public constructor(
        private readonly builder: RecordBuilder,
        private readonly random: Random,
        private readonly nowMs: number
    ) {}

    public add(spec: UserSpec): StaffMember {
        const name = this.uniqueName();
        const active = spec.active ?? true;
        const username = `${slug(name.first)}.${slug(name.last)}@${ORG_DOMAIN}`;
        const createdMs = this.nowMs - this.random.int(400, 1400) * DAY_MS;
        const ref = this.builder.add('User', {
            FirstName: name.first,
            LastName: name.last,
            Username: username,
            Email: username,
            Alias: `${name.first.charAt(0)}${name.last}`.slice(0, 8).toLowerCase(),
            TimeZoneSidKey: spec.role === 'rep' ? this.random.pick(REP_TIME_ZONES) : ORG_TIME_ZONE,
            IsActive: active,
            ManagerId: spec.manager?.ref ?? null,
            SLA_Team__c: spec.team,
            Title: spec.title ?? TITLES[spec.role],
            Department: spec.side ?? spec.team ?? 'Sales',
            CreatedDate: new Date(createdMs).toISOString(),
            // An inactive rep left the company about ten days ago.
            LastModifiedDate: new Date(active ? createdMs : this.nowMs - 10 * DAY_MS).toISOString()
        });
        return {
            ref,
            name,
            role: spec.role,
            team: spec.team,
            side: spec.side,
            manager: spec.manager,
            active
        };
    }

    private uniqueName(): PersonName {
        for (;;) {
            const name = personName(this.random);
            const key = `${name.first} ${name.last}`;
            if (!this.takenNames.has(key)) {
                this.takenNames.add(key);
                return name;
            }
        }
    }
}

/**
 * Inactive reps are the last reps of the last sales teams (one per team), so every
 * team keeps at least two active reps for reassignments.
 */
function isInactiveRep(scale: ScaleCounts, managerIndex: number, repIndex: number): boolean {
    const fromLast = scale.salesManagers - 1 - managerIndex;
    return fromLast < scale.inactiveReps && repIndex === scale.repsPerSalesManager - 1;
}

function addReps(
    writer: StaffWriter,
    manager: StaffMember,
    count: number,
    inactive: (repIndex: number) => boolean
): StaffMember[] {
    const side = manager.side ?? 'Sales';
    return Array.from({ length: count }, (_, repIndex) =>
        writer.add({
            role: 'rep',
            team: side,
            side,
            manager,
            active: !inactive(repIndex),
            title: side === 'SDR' ? 'Sales Development Representative' : 'Account Executive'
        })
    );
}

/** Writes the users and the queue memberships, and returns the staff for the other generators. */
export function generateStaff(
    builder: RecordBuilder,
    random: Random,
    nowMs: number,
    scale: ScaleCounts
): Staff {
    const writer = new StaffWriter(builder, random, nowMs);

    const vp = writer.add({ role: 'vp', team: null, side: 'Sales', manager: null });
    const cmo = writer.add({ role: 'cmo', team: 'Marketing', side: null, manager: null });
    const revopsLead = writer.add({ role: 'revops', team: 'RevOps', side: null, manager: null });
    const revopsAnalyst = writer.add({
        role: 'revops',
        team: 'RevOps',
        side: null,
        manager: revopsLead,
        title: 'Revenue Operations Analyst'
    });

    const salesManagers = Array.from({ length: scale.salesManagers }, () =>
        writer.add({ role: 'manager', team: null, side: 'Sales', manager: vp })
    );
    const sdrManagers = Array.from({ length: scale.sdrManagers }, () =>
        writer.add({ role: 'manager', team: null, side: 'SDR', manager: vp, title: 'SDR Manager' })
    );

    const salesReps = salesManagers.flatMap((manager, managerIndex) =>
        addReps(writer, manager, scale.repsPerSalesManager, (repIndex) =>
            isInactiveRep(scale, managerIndex, repIndex)
        )
    );
    const sdrReps = sdrManagers.flatMap((manager) =>
        addReps(writer, manager, scale.repsPerSdrManager, () => false)
    );

    const marketing = Array.from({ length: scale.marketingUsers }, () =>
        writer.add({ role: 'marketing', team: 'Marketing', side: null, manager: cmo })
    );

    addQueueMembers(builder, REVOPS_QUEUE_REF, [revopsLead, revopsAnalyst]);
    addQueueMembers(builder, NURTURE_QUEUE_REF, marketing);
    return {
        vp,
        cmo,
        revops: [revopsLead, revopsAnalyst],
        managers: [...salesManagers, ...sdrManagers],
        salesReps,
        sdrReps,
        marketing
    };
}

function addQueueMembers(
    builder: RecordBuilder,
    queue: RecordRef,
    members: readonly StaffMember[]
): void {
    const objectName: SampleObjectName = 'GroupMember';
    for (const member of members) {
        builder.add(objectName, { GroupId: queue, UserOrGroupId: member.ref });
    }
}

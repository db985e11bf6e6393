/**
 * Picklist values of the data model that the policy engine reads and writes, spelled
 * exactly as force-app defines them.
 */

/** `Lifecycle_Stage__c`, in the order a buying committee moves through them. */
export const STAGES = [
    'Anonymous',
    'Identified',
    'Engaged',
    'Committee-Aware',
    'Qualified',
    'Active Opportunity'
] as const;
export type Stage = (typeof STAGES)[number];

/** Rank of a stage value; -1 for null or a value the data model does not define. */
export function stageRank(stage: string | null): number {
    return stage === null ? -1 : (STAGES as readonly string[]).indexOf(stage);
}

export function stageAt(rank: number): Stage {
    return STAGES[Math.max(0, Math.min(STAGES.length - 1, rank))] ?? 'Anonymous';
}

export const RANK_IDENTIFIED = stageRank('Identified');
export const RANK_ENGAGED = stageRank('Engaged');
export const RANK_COMMITTEE_AWARE = stageRank('Committee-Aware');
export const RANK_QUALIFIED = stageRank('Qualified');
export const RANK_ACTIVE_OPPORTUNITY = stageRank('Active Opportunity');

/** `Lead.Routing_Decision__c`. */
export type RoutingDecision =
    'Sales 1h' | 'Sales 4h' | 'SDR 24h' | 'Nurture' | 'Recycled' | 'Awaiting Approval';

/** `User.SLA_Team__c` and `Responsible_Team__c`. */
export type Team = 'Sales' | 'SDR' | 'Marketing' | 'RevOps';

const TEAMS: readonly Team[] = ['Sales', 'SDR', 'Marketing', 'RevOps'];

/** Reads a team picklist value; `fallback` for null or an unknown value. */
export function asTeam(value: string | null, fallback: Team): Team {
    return TEAMS.find((team) => team === value) ?? fallback;
}

/** `SLA_Clock__c.Type__c`. */
export type ClockType =
    | 'Response'
    | 'Committee Aware'
    | 'Nurture'
    | 'Follow Up'
    | 'Re-engagement'
    | 'Dispute Review'
    | 'Dispute Follow Up';

/** `SLA_Clock__c.Status__c`. */
export type ClockStatus = 'Open' | 'Warning' | 'Met' | 'Breached' | 'Cancelled';

export function isOpenStatus(status: string | null): boolean {
    return status === 'Open' || status === 'Warning';
}

/** `SLA_Status__c` on Lead and Account. */
export type SlaStatus = 'None' | 'On Track' | 'Warning' | 'Breached' | 'Met';

/** `SLA_Breach__c.Action__c`. */
export type BreachAction =
    'Reminder' | 'Manager Notified' | 'Reassigned' | 'Reverted To Marketing' | 'Recycled';

/** `SLA_Review__c.Type__c`. */
export type ReviewType =
    'Rep Breach Review' | 'Team Remediation' | 'Marketing Probation' | 'Dispute Decision';

/** `SLA_Scorecard__c.Scope__c`. */
export type ScorecardScope = 'Rep' | 'Team' | 'Marketing';

/** `Lead.Status` value that marks a lead Sales rejected. */
export const REJECTED_STATUS = 'Rejected';

/** `Lead.Dispute_Status__c`. */
export type DisputeStatus = 'Open' | 'Overturned' | 'Upheld';

/** Queues the data model defines, by `Group.DeveloperName`. */
export const NURTURE_QUEUE = 'Marketing_Nurture';
export const REVOPS_QUEUE = 'RevOps';

/** `Event.Type` of a product demonstration (Active Opportunity). */
export const DEMO_EVENT_TYPE = 'Demo';

/** Key prefix of User Ids; other owners (`00G`) are queues. */
export const USER_ID_PREFIX = '005';

/** Maximum length of `Decision_Reason__c` and `Reason__c`. */
export const REASON_MAX_LENGTH = 255;

/** `SLA_Breach__c.Level__c` is Number(1,0). */
export const MAX_BREACH_LEVEL = 9;

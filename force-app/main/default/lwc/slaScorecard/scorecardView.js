import TEAM_OF from '@salesforce/label/c.SLA_Scorecard_Team_Of';
import MARKETING from '@salesforce/label/c.SLA_Scorecard_Marketing';
import { formatLabel } from 'c/slaTimeFormat';

/** Shapes the scorecard query results into datatable rows. */

const MONTHS_SHOWN = 6;

/** First month shown, as `YYYY-MM`: five months before the month of `now`, local time. */
export function firstPeriod(now) {
    const date = new Date(now);
    const first = new Date(
        date.getFullYear(),
        date.getMonth() - (MONTHS_SHOWN - 1),
        1
    );
    const month = String(first.getMonth() + 1).padStart(2, '0');
    return `${first.getFullYear()}-${month}`;
}

function nodesOf(connection) {
    return connection ? connection.edges.map((edge) => edge.node) : [];
}

function valueOf(field) {
    return field ? field.value : null;
}

function nameOf(user) {
    return user && user.Name ? user.Name.value : null;
}

function teamName(manager) {
    const name = nameOf(manager);
    return name ? formatLabel(TEAM_OF, [name]) : null;
}

/** Percent field value (12.5 for 12.5 %) as the fraction the datatable expects. */
function fraction(percent) {
    return percent === null ? null : percent / 100;
}

/** Reads the team scorecards as table rows, latest month first, then by team name. */
export function readTeamMonths(data) {
    return nodesOf(data.uiapi.query.SLA_Scorecard__c)
        .map((node) => ({
            id: node.Id,
            team: teamName(node.Manager__r),
            period: valueOf(node.Period__c),
            clocksDue: valueOf(node.Response_Clocks_Due__c),
            breaches: valueOf(node.Breaches__c),
            breachRate: fraction(valueOf(node.Breach_Rate__c)),
            flagged: valueOf(node.Flagged__c) === true
        }))
        .sort(
            (a, b) =>
                (b.period || '').localeCompare(a.period || '') ||
                (a.team || '').localeCompare(b.team || '')
        );
}

function subjectOf(node) {
    const person = nameOf(node.Subject_User__r);
    if (person) {
        return person;
    }
    if (valueOf(node.Type__c) === 'Marketing Probation') {
        return MARKETING;
    }
    return teamName(node.Team_Manager__r);
}

/** Open reviews, soonest due first as the query orders them. */
export function readReviews(data) {
    return nodesOf(data.uiapi.query.SLA_Review__c).map((node) => ({
        id: node.Id,
        type: node.Type__c
            ? node.Type__c.displayValue || node.Type__c.value
            : null,
        subject: subjectOf(node),
        period: valueOf(node.Period__c),
        dueAt: valueOf(node.Due_At__c)
    }));
}

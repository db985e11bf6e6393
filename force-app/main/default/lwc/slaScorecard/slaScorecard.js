import { LightningElement, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import TITLE from '@salesforce/label/c.SLA_Scorecard_Title';
import LOADING from '@salesforce/label/c.SLA_Loading';
import EMPTY from '@salesforce/label/c.SLA_Scorecard_Empty';
import TEAM from '@salesforce/label/c.SLA_Scorecard_Team';
import MONTH from '@salesforce/label/c.SLA_Scorecard_Month';
import CLOCKS_DUE from '@salesforce/label/c.SLA_Scorecard_Response_Clocks_Due';
import BREACHES from '@salesforce/label/c.SLA_Scorecard_Breaches';
import BREACH_RATE from '@salesforce/label/c.SLA_Scorecard_Breach_Rate';
import FLAGGED from '@salesforce/label/c.SLA_Scorecard_Flagged';
import TEAM_MONTHS from '@salesforce/label/c.SLA_Scorecard_Team_Months';
import FLAGGED_TEAMS from '@salesforce/label/c.SLA_Scorecard_Flagged_Teams';
import NO_FLAGGED from '@salesforce/label/c.SLA_Scorecard_No_Flagged';
import OPEN_REVIEWS from '@salesforce/label/c.SLA_Scorecard_Open_Reviews';
import NO_REVIEWS from '@salesforce/label/c.SLA_Scorecard_No_Reviews';
import REVIEW from '@salesforce/label/c.SLA_Scorecard_Review';
import SUBJECT from '@salesforce/label/c.SLA_Scorecard_For';
import PERIOD from '@salesforce/label/c.SLA_Scorecard_Period';
import DUE from '@salesforce/label/c.SLA_Scorecard_Due';
import { firstPeriod, readReviews, readTeamMonths } from './scorecardView';

/** Team scorecards from `$fromPeriod` on, and every open review. */
const SCORECARD_QUERY = gql`
    query slaScorecard($fromPeriod: String) {
        uiapi {
            query {
                SLA_Scorecard__c(
                    where: {
                        and: [
                            { Scope__c: { eq: "Team" } }
                            { Period__c: { gte: $fromPeriod } }
                        ]
                    }
                    orderBy: { Period__c: { order: DESC } }
                    first: 200
                ) {
                    edges {
                        node {
                            Id
                            Period__c {
                                value
                            }
                            Response_Clocks_Due__c {
                                value
                            }
                            Breaches__c {
                                value
                            }
                            Breach_Rate__c {
                                value
                            }
                            Flagged__c {
                                value
                            }
                            Manager__r {
                                Name {
                                    value
                                }
                            }
                        }
                    }
                }
                SLA_Review__c(
                    where: { Status__c: { eq: "Open" } }
                    orderBy: { Due_At__c: { order: ASC, nulls: LAST } }
                    first: 50
                ) {
                    edges {
                        node {
                            Id
                            Type__c {
                                value
                                displayValue
                            }
                            Period__c {
                                value
                            }
                            Due_At__c {
                                value
                            }
                            Subject_User__r {
                                Name {
                                    value
                                }
                            }
                            Team_Manager__r {
                                Name {
                                    value
                                }
                            }
                        }
                    }
                }
            }
        }
    }
`;

const TEAM_COLUMNS = [
    { label: TEAM, fieldName: 'team' },
    { label: MONTH, fieldName: 'period' },
    { label: CLOCKS_DUE, fieldName: 'clocksDue', type: 'number' },
    { label: BREACHES, fieldName: 'breaches', type: 'number' },
    {
        label: BREACH_RATE,
        fieldName: 'breachRate',
        type: 'percent',
        typeAttributes: { maximumFractionDigits: 1 }
    },
    { label: FLAGGED, fieldName: 'flagged', type: 'boolean' }
];

const REVIEW_COLUMNS = [
    { label: REVIEW, fieldName: 'type' },
    { label: SUBJECT, fieldName: 'subject' },
    { label: PERIOD, fieldName: 'period' },
    {
        label: DUE,
        fieldName: 'dueAt',
        type: 'date',
        typeAttributes: { year: 'numeric', month: 'short', day: 'numeric' }
    }
];

/**
 * The managers' SLA scorecard: response clocks due, breaches and breach rate per team
 * and month for the last six months, the flagged team months, and the open reviews
 * with their due dates. Figures come from the worker's Team scorecards.
 */
export default class SlaScorecard extends LightningElement {
    labels = {
        title: TITLE,
        loading: LOADING,
        empty: EMPTY,
        teamMonths: TEAM_MONTHS,
        flaggedTeams: FLAGGED_TEAMS,
        noFlagged: NO_FLAGGED,
        openReviews: OPEN_REVIEWS,
        noReviews: NO_REVIEWS
    };
    teamColumns = TEAM_COLUMNS;
    reviewColumns = REVIEW_COLUMNS;

    /** Month filter, fixed when the page opens so the wire does not run again. */
    variables = { fromPeriod: firstPeriod(Date.now()) };
    teamMonths;
    reviews;
    errors;

    @wire(graphql, {
        query: SCORECARD_QUERY,
        variables: '$variables',
        operationName: 'slaScorecard'
    })
    wiredScorecard({ data, errors }) {
        this.errors = errors && errors.length > 0 ? errors : undefined;
        this.teamMonths = data ? readTeamMonths(data) : undefined;
        this.reviews = data ? readReviews(data) : undefined;
    }

    get isLoading() {
        return !this.teamMonths && !this.errors;
    }

    get hasErrors() {
        return Boolean(this.errors);
    }

    get hasTeamMonths() {
        return this.teamMonths.length > 0;
    }

    get flaggedTeams() {
        return this.teamMonths.filter((row) => row.flagged);
    }

    get hasFlaggedTeams() {
        return this.flaggedTeams.length > 0;
    }

    get hasReviews() {
        return this.reviews.length > 0;
    }
}

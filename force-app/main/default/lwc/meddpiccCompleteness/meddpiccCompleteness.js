import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { gql, graphql } from 'lightning/graphql';
import TITLE from '@salesforce/label/c.MEDDPICC_Title';
import LOADING from '@salesforce/label/c.SLA_Loading';
import EMPTY from '@salesforce/label/c.MEDDPICC_Empty';
import ALL_FILLED from '@salesforce/label/c.MEDDPICC_All_Filled';
import {
    ELEMENT_FIELDS,
    assessOpportunity,
    compareBestFirst
} from './meddpicc';

/** Open opportunities of an account with the eight MEDDPICC fields. */
const OPEN_OPPORTUNITIES_QUERY = gql`
    query accountMeddpicc($accountId: ID) {
        uiapi {
            query {
                Opportunity(
                    where: {
                        and: [
                            { AccountId: { eq: $accountId } }
                            { IsClosed: { eq: false } }
                        ]
                    }
                    orderBy: { CloseDate: { order: ASC } }
                    first: 50
                ) {
                    edges {
                        node {
                            Id
                            Name {
                                value
                            }
                            CloseDate {
                                value
                            }
                            Metrics__c {
                                value
                            }
                            Economic_Buyer__c {
                                value
                            }
                            Decision_Criteria__c {
                                value
                            }
                            Decision_Process__c {
                                value
                            }
                            Paper_Process__c {
                                value
                            }
                            Identified_Pain__c {
                                value
                            }
                            Champion__c {
                                value
                            }
                            Competition__c {
                                value
                            }
                        }
                    }
                }
            }
        }
    }
`;

function valueOfNode(node, field) {
    return node[field] ? node[field].value : null;
}

/**
 * MEDDPICC completeness. On an opportunity it shows the eight elements and the share
 * filled in; on an account, every open opportunity best first with its missing
 * elements. A missing element opens the opportunity for editing.
 */
export default class MeddpiccCompleteness extends LightningElement {
    @api recordId;
    @api objectApiName;

    labels = {
        title: TITLE,
        loading: LOADING,
        empty: EMPTY,
        allFilled: ALL_FILLED
    };

    opportunityRecord;
    recordError;
    opportunityNodes;
    queryErrors;

    @wire(getRecord, {
        recordId: '$opportunityId',
        fields: ELEMENT_FIELDS
    })
    wiredOpportunity({ data, error }) {
        this.opportunityRecord = data;
        this.recordError = error;
    }

    @wire(graphql, {
        query: OPEN_OPPORTUNITIES_QUERY,
        variables: '$accountVariables',
        operationName: 'accountMeddpicc'
    })
    wiredAccountOpportunities({ data, errors }) {
        this.opportunityNodes = data
            ? data.uiapi.query.Opportunity.edges.map((edge) => edge.node)
            : undefined;
        this.queryErrors = errors && errors.length > 0 ? errors : undefined;
    }

    get isOpportunityPage() {
        return this.objectApiName === 'Opportunity';
    }

    /** Record ID for getRecord. It is undefined on an account, so that wire stays idle. */
    get opportunityId() {
        return this.isOpportunityPage ? this.recordId : undefined;
    }

    /** Variables for the account query, undefined on an opportunity. */
    get accountVariables() {
        return this.objectApiName === 'Account' && this.recordId
            ? { accountId: this.recordId }
            : undefined;
    }

    get isLoading() {
        const data = this.isOpportunityPage
            ? this.opportunityRecord
            : this.opportunityNodes;
        return !data && !this.errors;
    }

    /** Errors of the wire that serves this page. The other wire stays idle. */
    get errors() {
        return this.isOpportunityPage ? this.recordError : this.queryErrors;
    }

    get hasErrors() {
        return Boolean(this.errors);
    }

    get opportunity() {
        const record = this.opportunityRecord;
        return assessOpportunity((field) =>
            getFieldValue(record, {
                objectApiName: 'Opportunity',
                fieldApiName: field
            })
        );
    }

    get opportunities() {
        return this.opportunityNodes
            .map((node) => ({
                id: node.Id,
                name: node.Name.value,
                closeDate: node.CloseDate.value,
                ...assessOpportunity((field) => valueOfNode(node, field))
            }))
            .sort(compareBestFirst);
    }

    get hasOpportunities() {
        return this.opportunityNodes.length > 0;
    }
}

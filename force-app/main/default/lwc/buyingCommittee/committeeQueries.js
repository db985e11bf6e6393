import { gql } from 'lightning/graphql';

/**
 * Reads an account's committee figures and lifecycle owner, its contacts with a signal,
 * and its latest revert to Marketing.
 */
export const COMMITTEE_QUERY = gql`
    query accountCommittee($accountId: ID) {
        uiapi {
            query {
                Account(where: { Id: { eq: $accountId } }) {
                    edges {
                        node {
                            Id
                            Committee_Intent_Score__c {
                                value
                            }
                            Active_Committee_Members__c {
                                value
                            }
                            Lifecycle_Owner__c {
                                value
                            }
                            Handoff_At__c {
                                value
                            }
                            First_Touch_At__c {
                                value
                            }
                        }
                    }
                }
                Contact(
                    where: {
                        and: [
                            { AccountId: { eq: $accountId } }
                            { Last_Signal_At__c: { ne: null } }
                        ]
                    }
                    orderBy: { Last_Signal_At__c: { order: DESC } }
                    first: 50
                ) {
                    edges {
                        node {
                            Id
                            Name {
                                value
                            }
                            Committee_Role__c {
                                value
                                displayValue
                            }
                            Intent_Score__c {
                                value
                            }
                            Last_Signal_At__c {
                                value
                            }
                        }
                    }
                }
                SLA_Breach__c(
                    where: {
                        and: [
                            { Account__c: { eq: $accountId } }
                            { Action__c: { eq: "Reverted To Marketing" } }
                        ]
                    }
                    orderBy: { Breached_At__c: { order: DESC } }
                    first: 1
                ) {
                    edges {
                        node {
                            Id
                            Breached_At__c {
                                value
                            }
                        }
                    }
                }
            }
        }
    }
`;

// NOTE: The GraphQL API serves only objects that the User Interface API supports, and
// its documentation lists custom objects but not custom metadata types. If the org
// rejects this query, the card uses the thresholds set on the page instead, whose
// defaults equal the policy defaults, and shows a caption about it.
export const POLICY_QUERY = gql`
    query slaPolicy {
        uiapi {
            query {
                SLA_Policy__mdt(
                    where: { DeveloperName: { eq: "Default" } }
                    first: 1
                ) {
                    edges {
                        node {
                            Id
                            Handoff_Min_Intent__c {
                                value
                            }
                            Handoff_Min_Active__c {
                                value
                            }
                            Active_Window_Days__c {
                                value
                            }
                        }
                    }
                }
            }
        }
    }
`;

import { gql } from 'lightning/graphql';

/**
 * Reads a lead's or an account's SLA status, its open clocks (action outstanding), and
 * this fiscal quarter's breaches: their count and the highest escalation level.
 */
export const SLA_STATUS_QUERY = gql`
    query slaStatus($recordId: ID) {
        uiapi {
            query {
                Lead(where: { Id: { eq: $recordId } }) {
                    edges {
                        node {
                            Id
                            SLA_Status__c {
                                value
                            }
                            SLA_Due_At__c {
                                value
                            }
                        }
                    }
                }
                Account(where: { Id: { eq: $recordId } }) {
                    edges {
                        node {
                            Id
                            SLA_Status__c {
                                value
                            }
                            SLA_Due_At__c {
                                value
                            }
                        }
                    }
                }
                SLA_Clock__c(
                    where: {
                        and: [
                            {
                                or: [
                                    { Lead__c: { eq: $recordId } }
                                    { Account__c: { eq: $recordId } }
                                ]
                            }
                            {
                                Status__c: {
                                    in: ["Open", "Warning", "Breached"]
                                }
                            }
                            { Completed_At__c: { eq: null } }
                        ]
                    }
                    orderBy: { Due_At__c: { order: ASC } }
                    first: 20
                ) {
                    edges {
                        node {
                            Id
                            Type__c {
                                value
                                displayValue
                            }
                            Status__c {
                                value
                            }
                            Due_At__c {
                                value
                            }
                            Warning_At__c {
                                value
                            }
                            Reason__c {
                                value
                            }
                            Responsible_Team__c {
                                value
                                displayValue
                            }
                            Responsible_User__r {
                                Name {
                                    value
                                }
                            }
                        }
                    }
                }
                SLA_Breach__c(
                    where: {
                        and: [
                            {
                                or: [
                                    { Lead__c: { eq: $recordId } }
                                    { Account__c: { eq: $recordId } }
                                ]
                            }
                            {
                                Breached_At__c: {
                                    eq: { literal: THIS_FISCAL_QUARTER }
                                }
                            }
                        ]
                    }
                    orderBy: { Level__c: { order: DESC } }
                    first: 1
                ) {
                    totalCount
                    edges {
                        node {
                            Id
                            Level__c {
                                value
                            }
                        }
                    }
                }
            }
        }
    }
`;

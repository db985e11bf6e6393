/**
 * A small org for the SOQL tests: a manager and a rep, a queue, two accounts with
 * contacts and an opportunity, leads owned by the rep or the queue, activities and
 * SLA clocks.
 */
import type { OrgStore } from '../../../src/local-org/store';

export interface SoqlFixture {
    managerId: string;
    repId: string;
    queueId: string;
    acmeId: string;
    globexId: string;
    adaId: string;
    bobId: string;
    dealId: string;
    leadIds: string[];
    clockIds: string[];
}

function user(store: OrgStore, lastName: string, managerId?: string): string {
    const username = `${lastName.toLowerCase()}@example.com`;
    return store.insert('User', {
        FirstName: 'Pat',
        LastName: lastName,
        Username: username,
        Email: username,
        ...(managerId ? { ManagerId: managerId } : {})
    });
}

/** Creates the fixture records; the clock of the store decides their CreatedDate. */
export function loadSoqlFixture(store: OrgStore): SoqlFixture {
    const managerId = user(store, 'Manager');
    const repId = user(store, 'Rep', managerId);
    const queueId = String(
        store.query("SELECT Id FROM Group WHERE DeveloperName = 'Marketing_Nurture'").records[0]?.Id
    );

    const acmeId = store.insert('Account', {
        Name: 'Acme',
        Industry: 'Technology',
        OwnerId: repId,
        NumberOfEmployees: 500
    });
    const globexId = store.insert('Account', {
        Name: 'Globex',
        Industry: 'Energy',
        NumberOfEmployees: 50
    });
    const adaId = store.insert('Contact', {
        FirstName: 'Ada',
        LastName: 'Lovelace',
        AccountId: acmeId,
        Email: 'ada@acme.com'
    });
    const bobId = store.insert('Contact', {
        FirstName: 'Bob',
        LastName: 'Baker',
        AccountId: acmeId
    });
    const dealId = store.insert('Opportunity', {
        Name: 'Acme deal',
        AccountId: acmeId,
        StageName: 'Closed Won',
        CloseDate: '2027-03-15',
        Amount: 1000
    });

    const leadIds = [
        store.insert('Lead', {
            FirstName: 'Jane',
            LastName: 'Doe',
            Company: 'Initech',
            Email: 'Jane@Initech.com',
            OwnerId: repId,
            Intent_Score__c: 80,
            LeadSource: 'Web'
        }),
        store.insert('Lead', {
            LastName: 'Roe',
            Company: 'Hooli',
            Email: 'roe@hooli.com',
            OwnerId: queueId,
            Intent_Score__c: 40,
            LeadSource: 'Web'
        }),
        store.insert('Lead', {
            LastName: 'Poe',
            Company: 'Umbrella',
            OwnerId: repId,
            LeadSource: 'Partner Referral'
        })
    ];

    const clockIds = [
        store.insert('SLA_Clock__c', {
            Clock_Key__c: 'c1',
            Lead__c: leadIds[0],
            Type__c: 'Response',
            Status__c: 'Open',
            Responsible_User__c: repId
        }),
        store.insert('SLA_Clock__c', {
            Clock_Key__c: 'c2',
            Lead__c: leadIds[0],
            Type__c: 'Follow Up',
            Status__c: 'Met'
        }),
        store.insert('SLA_Clock__c', {
            Clock_Key__c: 'c3',
            Lead__c: leadIds[1],
            Type__c: 'Response',
            Status__c: 'Breached'
        })
    ];

    store.insert('Task', { Subject: 'Call Jane', WhoId: leadIds[0], Status: 'Completed' });
    store.insert('Task', { Subject: 'Deal follow-up', WhatId: dealId, WhoId: adaId });
    store.insert('Task', { Subject: 'Account check', WhatId: acmeId });

    return { managerId, repId, queueId, acmeId, globexId, adaId, bobId, dealId, leadIds, clockIds };
}

import '../local-org/store/quiet-logs';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { runImport, type ImportResult } from '../../../scripts/import';
import type { OrgStore } from '../../src/local-org/store';
import {
    countOf,
    CRM_FIXTURE,
    LOAD_TIME,
    openStore,
    rows,
    single,
    temporaryFolder
} from './helpers';

function importFixture(store: OrgStore, folder = CRM_FIXTURE): ImportResult {
    return runImport('crm-pipeline', folder, { store, dataDir: null });
}

describe('crm-pipeline import of the fixture data set', () => {
    let store: OrgStore;
    let result: ImportResult;

    beforeAll(() => {
        store = openStore();
        result = importFixture(store);
    });

    afterAll(() => {
        store.close();
    });

    it('counts rows read, loaded and rejected by object', () => {
        expect({ ...result.objects.get('User') }).toEqual({
            read: 6,
            loaded: 7,
            existing: 0,
            rejected: 2
        });
        expect({ ...result.objects.get('Account') }).toEqual({
            read: 5,
            loaded: 4,
            existing: 0,
            rejected: 1
        });
        expect({ ...result.objects.get('Opportunity') }).toEqual({
            read: 10,
            loaded: 8,
            existing: 0,
            rejected: 2
        });
    });

    it('reports bad rows with file, line and reason', () => {
        expect(result.issues).toEqual([
            {
                file: 'sales_teams.csv',
                line: 5,
                reason: 'sales_agent and manager must both be set'
            },
            {
                file: 'sales_teams.csv',
                line: 6,
                reason: 'sales agent Rowan Pike is listed more than once'
            },
            {
                file: 'accounts.csv',
                line: 5,
                reason: 'revenue: "abc" is not a number (expected digits with a "." decimal point)'
            },
            {
                file: 'sales_pipeline.csv',
                line: 9,
                reason: 'deal_stage: "Negotiating" is not Prospecting, Engaging, Won or Lost'
            },
            {
                file: 'sales_pipeline.csv',
                line: 10,
                reason: 'close_date: "31/12/2017" is not a date (expected YYYY-MM-DD or M/D/YYYY)'
            }
        ]);
    });

    it('makes agents Sales users of their manager, with the office as department', () => {
        const agents = rows(
            store,
            "SELECT Name, Manager.Name, Department, SLA_Team__c FROM User WHERE Title = 'Sales Agent' ORDER BY Name"
        );
        expect(agents).toEqual([
            {
                Name: 'Harper Quinn',
                Manager: { Name: 'Jordan Vale' },
                Department: 'East',
                SLA_Team__c: 'Sales'
            },
            {
                Name: 'Rowan Pike',
                Manager: { Name: 'Jordan Vale' },
                Department: 'East',
                SLA_Team__c: 'Sales'
            },
            {
                Name: 'Sasha Moreau',
                Manager: { Name: 'Elliot Marsh' },
                Department: 'West',
                SLA_Team__c: 'Sales'
            },
            {
                Name: 'Theo Laine',
                Manager: { Name: 'Elliot Marsh' },
                Department: 'West',
                SLA_Team__c: 'Sales'
            }
        ]);
        const managers = rows(
            store,
            "SELECT Name, ManagerId, SLA_Team__c FROM User WHERE Title = 'Sales Manager' ORDER BY Name"
        );
        expect(managers).toEqual([
            { Name: 'Elliot Marsh', ManagerId: null, SLA_Team__c: null },
            { Name: 'Jordan Vale', ManagerId: null, SLA_Team__c: null }
        ]);
    });

    it('maps accounts with industry, revenue in dollars and parent company', () => {
        const labs = single(
            store,
            "SELECT Industry, AnnualRevenue, NumberOfEmployees, BillingCountry, Description, Parent.Name FROM Account WHERE Name = 'Lumen Labs'"
        );
        expect(labs).toEqual({
            Industry: 'Technology',
            AnnualRevenue: 12_250_000,
            NumberOfEmployees: 45,
            BillingCountry: 'Canada',
            Description: 'Established in 2015.',
            Parent: { Name: 'Lumen Works' }
        });
        const quill = single(
            store,
            "SELECT Industry FROM Account WHERE Name = 'Quill, Ink & Paper'"
        );
        expect(quill.Industry).toBe('Media');
        const orbit = single(store, "SELECT ParentId FROM Account WHERE Name = 'Orbit Foods'");
        expect(orbit.ParentId).toBeNull();
        expect(result.dangling).toEqual(
            expect.arrayContaining([
                {
                    object: 'Account',
                    field: 'ParentId',
                    outcome: 'cleared',
                    count: 1,
                    missing: 1,
                    examples: ['Missing Parent Co']
                }
            ])
        );
    });

    it('maps pipeline rows to opportunities with stage, amount and dates', () => {
        const won = single(
            store,
            "SELECT Name, StageName, IsWon, Amount, CloseDate, CreatedDate, Owner.Name, Account.Name FROM Opportunity WHERE Name LIKE '%(QP1A)'"
        );
        expect(won).toEqual({
            Name: 'Lumen Works - GTX Pro (QP1A)',
            StageName: 'Closed Won',
            IsWon: true,
            Amount: 4900,
            CloseDate: '2017-02-20',
            // The engage date at midnight in the org's time zone (America/New_York).
            CreatedDate: '2017-01-10T05:00:00.000+0000',
            Owner: { Name: 'Harper Quinn' },
            Account: { Name: 'Lumen Works' }
        });
        const engaging = single(
            store,
            "SELECT StageName, IsClosed, Amount, CloseDate, Description FROM Opportunity WHERE Name LIKE '%(QP2B)'"
        );
        expect(engaging).toEqual({
            StageName: 'Qualification',
            IsClosed: false,
            Amount: null,
            CloseDate: '2017-09-30',
            Description:
                'Product: MG Special (series MG, list price 55). Engaged on 2017-05-02. No close date in the data set; 2017-09-30 stands in. Imported from sales_pipeline.csv, opportunity QP2B.'
        });
        const prospect = single(
            store,
            "SELECT Name, StageName, CreatedDate, AccountId FROM Opportunity WHERE Name LIKE '%(QP3C)'"
        );
        expect(prospect).toEqual({
            Name: 'No account - GTX Pro (QP3C)',
            StageName: 'Prospecting',
            CreatedDate: LOAD_TIME.replace('Z', '+0000'),
            AccountId: null
        });
        const lost = single(
            store,
            "SELECT StageName, Amount FROM Opportunity WHERE Name LIKE '%(QP4D)'"
        );
        expect(lost).toEqual({ StageName: 'Closed Lost', Amount: 0 });
    });

    it('gives unknown agents a user without a team', () => {
        const casey = single(
            store,
            "SELECT Owner.Name, Owner.ManagerId, Owner.SLA_Team__c FROM Opportunity WHERE Name LIKE '%(QP7G)'"
        );
        expect(casey.Owner).toEqual({ Name: 'Casey Nguyen', ManagerId: null, SLA_Team__c: null });
        const ghost = single(store, "SELECT AccountId FROM Opportunity WHERE Name LIKE '%(QP6F)'");
        expect(ghost.AccountId).toBeNull();
        expect(result.dangling).toEqual(
            expect.arrayContaining([
                expect.objectContaining({
                    object: 'Opportunity',
                    field: 'OwnerId',
                    outcome: 'placeholder owner',
                    count: 1
                }),
                expect.objectContaining({
                    object: 'Opportunity',
                    field: 'AccountId',
                    outcome: 'cleared',
                    count: 1
                })
            ])
        );
    });

    it('counts open opportunities per owner as the pipeline lists them', () => {
        const open = rows(
            store,
            'SELECT Owner.Name, COUNT(Id) n FROM Opportunity WHERE IsClosed = false GROUP BY Owner.Name'
        );
        const counts = Object.fromEntries(open.map((row) => [String(row.Name), Number(row.n)]));
        expect(counts).toEqual({
            'Harper Quinn': 2,
            'Rowan Pike': 1,
            'Sasha Moreau': 1,
            'Casey Nguyen': 1
        });
    });

    it('says what the data set lacks and which close date stands in', () => {
        expect(result.notes).toEqual(
            expect.arrayContaining([
                'sales_pipeline.csv: 5 deals have no close date (open deals); their CloseDate is 2017-09-30, the latest close date in the file, because Salesforce requires one.',
                expect.stringMatching(/^The data set has no leads, contacts, tasks or events/)
            ])
        );
    });

    it('loads nothing the second time', () => {
        const opportunities = countOf(store, 'Opportunity');
        const again = importFixture(store);
        for (const tally of again.objects.values()) {
            expect(tally.loaded).toBe(0);
        }
        expect(again.objects.get('Opportunity')?.existing).toBe(8);
        expect(countOf(store, 'Opportunity')).toBe(opportunities);
    });
});

describe('crm-pipeline import of an incomplete folder', () => {
    const temporary = temporaryFolder();

    afterAll(() => {
        temporary.remove();
    });

    it('fails without writing when a required file is missing', () => {
        const folder = path.join(temporary.folder, 'partial');
        mkdirSync(folder);
        copyFileSync(
            path.join(CRM_FIXTURE, 'sales_teams.csv'),
            path.join(folder, 'sales_teams.csv')
        );
        copyFileSync(path.join(CRM_FIXTURE, 'accounts.csv'), path.join(folder, 'accounts.csv'));
        const store = openStore();
        const users = countOf(store, 'User');
        expect(() => importFixture(store, folder)).toThrow(/sales_pipeline\.csv is missing from/);
        expect(countOf(store, 'User')).toBe(users);
        store.close();
    });
});

import '../local-org/store/quiet-logs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ID_MAP_FILE, runImport, type ImportResult } from '../../../scripts/import';
import { PLACEHOLDER_DOMAIN } from '../../../scripts/import/salesforce-export/references';
import { normalizeId, type OrgStore } from '../../src/local-org/store';
import { countOf, EXPORT_FIXTURE, openStore, rows, single, temporaryFolder } from './helpers';

function importFixture(store: OrgStore, dataDir: string | null = null): ImportResult {
    return runImport('salesforce-export', EXPORT_FIXTURE, { store, dataDir });
}

function tallyOf(result: ImportResult, objectName: string): Record<string, number> {
    return { ...result.objects.get(objectName) };
}

describe('salesforce-export import of the fixture export', () => {
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
        expect(tallyOf(result, 'User')).toEqual({ read: 4, loaded: 5, existing: 0, rejected: 0 });
        expect(tallyOf(result, 'Account')).toEqual({
            read: 4,
            loaded: 3,
            existing: 0,
            rejected: 1
        });
        expect(tallyOf(result, 'Contact')).toEqual({
            read: 4,
            loaded: 3,
            existing: 0,
            rejected: 1
        });
        expect(tallyOf(result, 'Opportunity')).toEqual({
            read: 3,
            loaded: 2,
            existing: 0,
            rejected: 1
        });
        expect(tallyOf(result, 'Lead')).toEqual({ read: 8, loaded: 4, existing: 0, rejected: 3 });
        expect(tallyOf(result, 'CampaignMember')).toEqual({
            read: 2,
            loaded: 1,
            existing: 0,
            rejected: 1
        });
        expect(tallyOf(result, 'Task')).toEqual({ read: 2, loaded: 2, existing: 0, rejected: 0 });
    });

    it('loads users before the records they own', () => {
        expect([...result.objects.keys()].slice(0, 2)).toEqual(['User', 'Account']);
    });

    it('reports each bad row with file, line and reason', () => {
        const issues = result.issues.map((issue) => `${issue.file}:${issue.line}`);
        expect(issues).toEqual(
            expect.arrayContaining([
                'Account.csv:6',
                'Contact.csv:5',
                'Opportunity.csv:4',
                'Lead.csv:6',
                'Lead.csv:7',
                'Lead.csv:8',
                'CampaignMember.csv:3'
            ])
        );
        const reasonAt = (where: string): string =>
            result.issues.find((issue) => `${issue.file}:${issue.line}` === where)?.reason ?? '';
        expect(reasonAt('Account.csv:6')).toBe(
            'AnnualRevenue: "lots" is not a number (expected digits with a "." decimal point)'
        );
        expect(reasonAt('Contact.csv:5')).toMatch(/^REQUIRED_FIELD_MISSING: .*LastName/);
        expect(reasonAt('Lead.csv:6')).toMatch(/^INVALID_EMAIL_ADDRESS/);
        expect(reasonAt('Lead.csv:7')).toBe('has 8 fields but the header has 13');
        expect(reasonAt('Lead.csv:8')).toMatch(/^CreatedDate: "yesterday" is not a datetime/);
        expect(reasonAt('CampaignMember.csv:3')).toMatch(/^REQUIRED_FIELD_MISSING: .*CampaignId/);
    });

    it('reports unknown columns once per file and skips them', () => {
        expect(result.skippedColumns).toEqual(
            expect.arrayContaining([
                { file: 'User.csv', columns: ['UserRoleId'] },
                { file: 'Account.csv', columns: ['Jigsaw'] },
                { file: 'Lead.csv', columns: ['Branch__c'] }
            ])
        );
    });

    it('skips files of objects the schema lacks and rows of deleted records', () => {
        expect(result.notes).toContain(
            'Case.csv was not imported: the org schema has no object Case.'
        );
        expect(result.notes).toContain(
            'Lead.csv: 1 rows of deleted records (IsDeleted) were skipped.'
        );
        expect(countOf(store, 'Lead')).toBe(4);
    });

    it('keeps relationships given by 15- and 18-character Ids', () => {
        const ana = single(
            store,
            "SELECT Account.Name, ReportsTo.Name FROM Contact WHERE Email = 'ana.silva@northwind.example'"
        );
        expect(ana.Account).toEqual({ Name: 'Northwind Traders' });
        expect(ana.ReportsTo).toEqual({ Name: 'Ben Okoro' });
        const traders = single(
            store,
            "SELECT Parent.Name, Owner.Name FROM Account WHERE Name = 'Northwind Traders'"
        );
        expect(traders.Parent).toEqual({ Name: 'Northwind Holdings' });
        expect(traders.Owner).toEqual({ Name: 'Theo Brandt' });
        const managers = rows(
            store,
            "SELECT Name, Manager.Name FROM User WHERE SLA_Team__c = 'Sales' ORDER BY Name"
        );
        expect(managers.map((user) => [user.Name, user.Manager])).toEqual([
            ['Ines Duarte', { Name: 'Maya Okafor' }],
            ['Luca Ferri', { Name: 'Maya Okafor' }],
            ['Theo Brandt', { Name: 'Maya Okafor' }]
        ]);
    });

    it('keeps the Ids of the export', () => {
        const dana = single(
            store,
            "SELECT Id FROM Lead WHERE Email = 'dana.reyes@fabrikam.example'"
        );

        expect(dana.Id).toBe(normalizeId('00QQx0000aB0001'));
    });

    it('gives records of a missing user a placeholder owner', () => {
        const contoso = single(
            store,
            "SELECT Owner.Name, Owner.Username, CreatedBy.Name FROM Account WHERE Name = 'Contoso Ltd'"
        );
        expect(contoso.Owner).toEqual({
            Name: 'Missing User 005Qx0000aB0005',
            Username: `${normalizeId('005Qx0000aB0005')?.toLowerCase() ?? ''}@${PLACEHOLDER_DOMAIN}`
        });
        const lead = single(
            store,
            "SELECT Owner.Name FROM Lead WHERE Email = 'eli@stonebell.example'"
        );
        expect(lead.Owner).toEqual({ Name: 'Missing User 005Qx0000aB0005' });
        expect(result.dangling).toEqual(
            expect.arrayContaining([
                expect.objectContaining({
                    object: 'Account',
                    field: 'OwnerId',
                    outcome: 'placeholder owner',
                    count: 1
                }),
                expect.objectContaining({
                    object: 'Lead',
                    field: 'OwnerId',
                    outcome: 'placeholder owner',
                    count: 1
                })
            ])
        );
    });

    it('clears other lookups to records outside the export and reports them', () => {
        const cleo = single(
            store,
            "SELECT AccountId FROM Contact WHERE Email = 'cleo.park@elsewhere.example'"
        );
        expect(cleo.AccountId).toBeNull();
        const task = single(store, "SELECT WhatId FROM Task WHERE Subject = 'Follow up on case'");
        expect(task.WhatId).toBeNull();
        expect(result.dangling).toEqual(
            expect.arrayContaining([
                expect.objectContaining({
                    object: 'Contact',
                    field: 'AccountId',
                    outcome: 'cleared',
                    count: 1
                }),
                expect.objectContaining({
                    object: 'Task',
                    field: 'WhatId',
                    outcome: 'cleared',
                    count: 1
                }),
                expect.objectContaining({
                    object: 'Opportunity',
                    field: 'CampaignId',
                    outcome: 'cleared',
                    count: 1
                })
            ])
        );
    });

    it('converts values of every export format', () => {
        const traders = single(
            store,
            "SELECT Description, CreatedDate FROM Account WHERE Name = 'Northwind Traders'"
        );
        expect(traders.Description).toBe('Key account, "tier 1"\r\nRenewal in Q3');
        expect(traders.CreatedDate).toBe('2024-01-05T10:00:00.000+0000');
        const ben = single(
            store,
            "SELECT Birthdate FROM Contact WHERE Email = 'ben.okoro@northwind.example'"
        );
        expect(ben.Birthdate).toBe('1990-03-14');
        const kai = single(
            store,
            "SELECT CreatedDate, Owner.Name FROM Lead WHERE Email = 'kai@ito.example'"
        );
        expect(kai.CreatedDate).toBe('2024-01-31T09:15:00.000+0000');
        const won = single(
            store,
            "SELECT Amount, IsWon, IsClosed FROM Opportunity WHERE Name = 'Northwind - Renewal'"
        );
        expect(won).toEqual({ Amount: 42000.5, IsWon: true, IsClosed: true });
        const missingStatus = single(
            store,
            "SELECT Status FROM Lead WHERE Email = 'dana.reyes@fabrikam.example'"
        );
        expect(missingStatus.Status).toBe('Open - Not Contacted');
    });

    it('deactivates users that are inactive in the export after loading their records', () => {
        const luca = single(
            store,
            "SELECT IsActive FROM User WHERE Username = 'luca.ferri@fixture.example'"
        );
        expect(luca.IsActive).toBe(false);
        const kai = single(store, "SELECT Owner.Name FROM Lead WHERE Email = 'kai@ito.example'");
        expect(kai.Owner).toEqual({ Name: 'Luca Ferri' });
    });
});

describe('salesforce-export import run twice', () => {
    const temporary = temporaryFolder();

    afterAll(() => {
        temporary.remove();
    });

    it('loads nothing the second time, also after the store is reopened', () => {
        const dataDir = path.join(temporary.folder, 'org');
        const first = openStore(dataDir);
        const firstResult = importFixture(first, dataDir);
        const leads = countOf(first, 'Lead');
        const users = countOf(first, 'User');
        first.close();
        expect(existsSync(path.join(dataDir, ID_MAP_FILE))).toBe(true);

        const second = openStore(dataDir);
        const secondResult = importFixture(second, dataDir);
        for (const [objectName, tally] of secondResult.objects) {
            expect({ objectName, loaded: tally.loaded }).toEqual({ objectName, loaded: 0 });
            const before = firstResult.objects.get(objectName);
            expect({ objectName, rejected: tally.rejected }).toEqual({
                objectName,
                rejected: before?.rejected
            });
        }
        expect(secondResult.objects.get('Lead')?.existing).toBe(4);
        expect(countOf(second, 'Lead')).toBe(leads);
        expect(countOf(second, 'User')).toBe(users);
        // Only the row rejected in both runs is converted again and reports its lookup.
        expect(secondResult.dangling.map((group) => group.object)).toEqual(['CampaignMember']);
        second.close();
    });

    it('loads again into a reset org, forgetting the Ids of the old one', () => {
        const dataDir = path.join(temporary.folder, 'org');
        const reset = openStore(dataDir, true);
        const result = importFixture(reset, dataDir);
        expect(result.objects.get('Lead')?.loaded).toBe(4);
        expect(countOf(reset, 'Lead')).toBe(4);
        reset.close();
    });
});

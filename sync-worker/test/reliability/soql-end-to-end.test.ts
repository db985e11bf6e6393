/**
 * Hostile values in the worker's queries against a running local org: the org receives
 * exactly the query the builder composed, and it returns the records whose value equals
 * the hostile text and no others.
 */
import type { LocalOrg } from '../../src/local-org';
import {
    composeSoql,
    CustomNotificationSender,
    runQueries,
    SalesforceUsageError,
    type RestClient,
    type SoqlCondition
} from '../../src/salesforce';
import { fieldNamesOf } from '../../src/schema/records';
import { integrationUserSoql } from '../../src/sync/integration-user';
import { captureLogs, connectTestSession, startTestOrg } from '../salesforce/helpers';

jest.setTimeout(30_000);

/** Company names of the leads in the org; some look like injections on purpose. */
const COMPANIES = [
    'Acme',
    "Acme' OR Company != '",
    'Back\\slash',
    'Percent%Co',
    'PercentXCo',
    'Under_Co',
    'UnderXCo',
    'Line\nBreak',
    '\u2019Curly\u2019'
] as const;

/** A condition on Company and the companies the org must return for it, in any order. */
const CASES: [string, SoqlCondition, string[]][] = [
    [
        'a quote and OR',
        { field: 'Company', operator: '=', value: { text: "x' OR Company != '" } },
        []
    ],
    ['a tautology', { field: 'Company', operator: '=', value: { text: "' OR '1'='1" } }, []],
    [
        'a company named like an injection',
        { field: 'Company', operator: '=', value: { text: "Acme' OR Company != '" } },
        ["Acme' OR Company != '"]
    ],
    [
        'an escaped quote',
        { field: 'Company', operator: '=', value: { text: "\\' OR Company != '" } },
        []
    ],
    [
        'a backslash',
        { field: 'Company', operator: '=', value: { text: 'Back\\slash' } },
        ['Back\\slash']
    ],
    [
        'a newline before the quote',
        { field: 'Company', operator: '=', value: { text: "Acme\n' OR Company != '" } },
        []
    ],
    [
        'a newline inside the value',
        { field: 'Company', operator: '=', value: { text: 'Line\nBreak' } },
        ['Line\nBreak']
    ],
    [
        'typographic quotes',
        { field: 'Company', operator: '=', value: { text: '\u2019 OR Company != \u2019' } },
        []
    ],
    [
        'a LIKE percent',
        { field: 'Company', operator: 'LIKE', value: { text: 'Percent%Co' } },
        ['Percent%Co']
    ],
    [
        'a LIKE underscore',
        { field: 'Company', operator: 'LIKE', value: { text: 'Under_Co' } },
        ['Under_Co']
    ],
    ['a LIKE wildcard alone', { field: 'Company', operator: 'LIKE', value: { text: '%' } }, []],
    [
        'an IN list with an injection',
        { field: 'Company', operator: 'IN', value: { texts: ["x' OR Company != '", 'Acme'] } },
        ['Acme']
    ]
];

describe('hostile values in queries sent to the local org', () => {
    let org: LocalOrg;
    let client: RestClient;

    beforeAll(async () => {
        captureLogs();
        org = await startTestOrg();
        org.store.transaction(() => {
            for (const [index, company] of COMPANIES.entries()) {
                org.store.insert('Lead', { LastName: `Hostile ${index}`, Company: company });
            }
        });
        ({ client } = await connectTestSession(org));
    });

    afterAll(async () => {
        await org.close();
    });

    /** Runs a Lead query the way a cycle reads; returns the companies and the `q` the org received. */
    async function readCompanies(condition: SoqlCondition): Promise<{
        companies: string[];
        received: string[];
        soql: string;
    }> {
        const soql = composeSoql({
            object: 'Lead',
            fields: fieldNamesOf('Lead'),
            where: [condition]
        });
        org.requests.clear();
        const { leads } = await runQueries(client, {
            leads: { object: 'Lead', soql, maxFetch: 1_000, includeDeleted: false }
        });
        expect(leads.complete).toBe(true);
        expect(leads.error).toBeUndefined();
        const received = org.requests
            .entries()
            .filter((entry) => entry.path.endsWith('/query'))
            .map((entry) => new URLSearchParams(entry.query).get('q') ?? '');
        return {
            companies: leads.records.map((lead) => String(lead.Company)),
            received,
            soql
        };
    }

    it.each(CASES)('returns only exact matches for %s', async (_case, condition, expected) => {
        const { companies, received, soql } = await readCompanies(condition);

        expect(received).toEqual([soql]);
        expect(companies.sort()).toEqual([...expected].sort());
    });

    it('finds the notification type only by its exact name', async () => {
        const hostile = new CustomNotificationSender(client, "SLA_Alert' OR DeveloperName != '");
        const genuine = new CustomNotificationSender(client);

        await expect(hostile.typeId()).rejects.toThrow(SalesforceUsageError);
        await expect(genuine.typeId()).resolves.toMatch(/^[a-zA-Z0-9]{18}$/);
    });

    it('finds the integration user only by its exact username', async () => {
        const username = 'integration@local-org.test';
        const outcomes = await runQueries(client, {
            genuine: {
                object: 'User',
                soql: integrationUserSoql(username),
                maxFetch: 10,
                includeDeleted: false
            },
            hostile: {
                object: 'User',
                soql: integrationUserSoql(`${username}' OR Username != '`),
                maxFetch: 10,
                includeDeleted: false
            }
        });

        expect(outcomes.genuine.records.map((user) => user.Id)).toEqual([
            org.store.seeded.integrationUserId
        ]);
        expect(outcomes.hostile.totalSize).toBe(0);
    });
});

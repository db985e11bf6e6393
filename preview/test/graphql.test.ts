/**
 * The GraphQL adapter's translation into SOQL, offline: the components' own queries
 * (read from force-app) against object descriptions written here, quoting of hostile
 * values, and the errors for documents the adapter does not support.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphqlQueryError } from '../src/graphql/ast';
import { parseOperation, parseQuery, variableValues } from '../src/graphql/parser';
import { planOperation, type ConnectionPlan, type OperationPlan } from '../src/graphql/plan';
import { objectInfoOf, type ObjectInfo, type ObjectInfoSource } from '../src/object-info';

const LWC_DIR = path.resolve(__dirname, '..', '..', 'force-app', 'main', 'default', 'lwc');

interface FieldSpec {
    type: string;
    reference?: [string, string];
    picklist?: string[];
}

function describeObject(name: string, fields: Record<string, FieldSpec>): unknown {
    const withId: Record<string, FieldSpec> = { Id: { type: 'id' }, ...fields };
    return {
        name,
        label: name,
        keyPrefix: null,
        fields: Object.entries(withId).map(([fieldName, spec]) => ({
            name: fieldName,
            label: fieldName,
            type: spec.type,
            relationshipName: spec.reference?.[0] ?? null,
            referenceTo: spec.reference === undefined ? [] : [spec.reference[1]],
            picklistValues: (spec.picklist ?? []).map((value) => ({ value, label: value }))
        }))
    };
}

const OBJECTS: Record<string, unknown> = {
    Lead: describeObject('Lead', {
        Name: { type: 'string' },
        SLA_Status__c: { type: 'picklist' },
        SLA_Due_At__c: { type: 'datetime' }
    }),
    Account: describeObject('Account', {
        Name: { type: 'string' },
        SLA_Status__c: { type: 'picklist' },
        SLA_Due_At__c: { type: 'datetime' },
        Committee_Intent_Score__c: { type: 'double' }
    }),
    User: describeObject('User', { Name: { type: 'string' } }),
    SLA_Clock__c: describeObject('SLA_Clock__c', {
        Lead__c: { type: 'reference', reference: ['Lead__r', 'Lead'] },
        Account__c: { type: 'reference', reference: ['Account__r', 'Account'] },
        Type__c: { type: 'picklist' },
        Status__c: { type: 'picklist' },
        Due_At__c: { type: 'datetime' },
        Warning_At__c: { type: 'datetime' },
        Completed_At__c: { type: 'datetime' },
        Reason__c: { type: 'string' },
        Responsible_Team__c: { type: 'picklist' },
        Responsible_User__c: { type: 'reference', reference: ['Responsible_User__r', 'User'] }
    }),
    SLA_Breach__c: describeObject('SLA_Breach__c', {
        Lead__c: { type: 'reference', reference: ['Lead__r', 'Lead'] },
        Account__c: { type: 'reference', reference: ['Account__r', 'Account'] },
        Breached_At__c: { type: 'datetime' },
        Level__c: { type: 'double' },
        Exploratory__c: { type: 'boolean' }
    })
};

const infos: ObjectInfoSource = {
    get: (name: string): Promise<ObjectInfo> => {
        const described = OBJECTS[name];
        return described === undefined
            ? Promise.reject(new Error(`No object ${name}.`))
            : Promise.resolve(objectInfoOf(described));
    }
};

/** Returns the text of the first gql template in a component file. */
function componentQuery(file: string): string {
    const source = readFileSync(path.join(LWC_DIR, file), 'utf8');
    const match = /gql`([\s\S]*?)`/.exec(source);
    if (match?.[1] === undefined) {
        throw new Error(`${file} has no gql query.`);
    }
    return match[1];
}

async function plan(
    query: string,
    variables: Record<string, string | number | null> = {},
    operationName: string | null = null
): Promise<OperationPlan> {
    const operation = parseOperation(query, operationName);
    return planOperation(operation.selections, infos, variableValues(operation, variables));
}

function connection(result: OperationPlan, key: string): ConnectionPlan {
    const found = result.connections.find((candidate) => candidate.key === key);
    if (found === undefined || 'error' in found) {
        throw new Error(`The connection ${key} was not planned: ${JSON.stringify(found)}`);
    }
    return found;
}

/** Returns the error of a connection whose planning failed. */
function failure(result: OperationPlan, index: number): GraphqlQueryError {
    const entry = result.connections[index];
    if (entry === undefined || !('error' in entry)) {
        throw new Error(`The connection ${index} did not fail: ${JSON.stringify(entry)}`);
    }
    return entry.error;
}

describe('GraphQL adapter translation', () => {
    it('status query becomes four SOQL queries', async () => {
        const result = await plan(componentQuery('slaStatus/statusQuery.js'), {
            recordId: '00Q000000000001AAA'
        });

        expect(result.connections.map((entry) => entry.key)).toEqual([
            'Lead',
            'Account',
            'SLA_Clock__c',
            'SLA_Breach__c'
        ]);
        expect(connection(result, 'Lead').soql).toBe(
            "SELECT Id, SLA_Status__c, SLA_Due_At__c FROM Lead WHERE Id = '00Q000000000001AAA' LIMIT 10"
        );
        expect(connection(result, 'SLA_Clock__c').soql).toBe(
            "SELECT Id, Type__c, Status__c, Due_At__c, Warning_At__c, Reason__c, Responsible_Team__c, Responsible_User__r.Name FROM SLA_Clock__c WHERE ((Lead__c = '00Q000000000001AAA' OR Account__c = '00Q000000000001AAA') AND Status__c IN ('Open', 'Warning', 'Breached') AND Completed_At__c = null) ORDER BY Due_At__c ASC LIMIT 20"
        );
        const breaches = connection(result, 'SLA_Breach__c');
        expect(breaches.soql).toContain('Breached_At__c = THIS_FISCAL_QUARTER');
        expect(breaches.soql).toContain('ORDER BY Level__c DESC LIMIT 1');
        expect(breaches.countSoql).toBe(
            "SELECT COUNT() FROM SLA_Breach__c WHERE ((Lead__c = '00Q000000000001AAA' OR Account__c = '00Q000000000001AAA') AND Breached_At__c = THIS_FISCAL_QUARTER)"
        );
    });

    it('variable values are quoted and escaped', async () => {
        const result = await plan(componentQuery('slaStatus/statusQuery.js'), {
            recordId: "x' OR Name != '"
        });

        expect(connection(result, 'Lead').soql).toContain("WHERE Id = 'x\\' OR Name != \\''");
    });

    it('date-time values are checked and normalised', async () => {
        const query = `query q($at: DateTime) { uiapi { query { SLA_Clock__c(where: { Due_At__c: { gt: { value: $at } } }) { edges { node { Id } } } } } }`;

        const valid = await plan(query, { at: '2027-03-17T18:30:00+01:00' });
        expect(connection(valid, 'SLA_Clock__c').soql).toContain(
            'WHERE Due_At__c > 2027-03-17T17:30:00.000Z'
        );
        const invalid = await plan(query, { at: '2027-03-17 OR Id != null' });
        expect(failure(invalid, 0).message).toContain(
            'is not a valid value for the datetime field Due_At__c'
        );
    });

    it('numbers, booleans and ranges become SOQL literals', async () => {
        const query = `{ uiapi { query { SLA_Breach__c(where: { Level__c: { gte: 2 }, Exploratory__c: { eq: false }, Breached_At__c: { gte: { range: { last_n_days: 30 } } } }, first: 5) { edges { node { Id } } } } } }`;

        const result = await plan(query);

        expect(connection(result, 'SLA_Breach__c').soql).toBe(
            'SELECT Id FROM SLA_Breach__c WHERE (Level__c >= 2 AND Exploratory__c = FALSE AND Breached_At__c >= LAST_N_DAYS:30) LIMIT 5'
        );
    });

    it('wrong value types are rejected', async () => {
        const query = `{ uiapi { query { SLA_Breach__c(where: { Level__c: { eq: "2 OR Id != null" } }) { edges { node { Id } } } } } }`;

        const result = await plan(query);

        expect(failure(result, 0).path).toEqual([
            'uiapi',
            'query',
            'SLA_Breach__c',
            'where',
            'Level__c',
            'eq'
        ]);
    });

    it('unknown fields fail their connection only', async () => {
        const query = `{ uiapi { query { Lead { edges { node { Bogus__c { value } } } } Account { edges { node { Id } } } } } }`;

        const result = await plan(query);

        expect(failure(result, 0).message).toBe(
            'Lead has no field or parent relationship named Bogus__c; child relationships are not supported by the preview.'
        );
        expect(connection(result, 'Account').soql).toBe('SELECT Id FROM Account LIMIT 10');
    });

    it('parent fields follow the relationship', async () => {
        const query = `{ uiapi { query { SLA_Clock__c(orderBy: { Responsible_User__r: { Name: { order: ASC, nulls: LAST } } }) { edges { node { owner: Responsible_User__r { Id Name { value } } } } } } } }`;

        const result = await plan(query);

        expect(connection(result, 'SLA_Clock__c').soql).toBe(
            'SELECT Id, Responsible_User__r.Id, Responsible_User__r.Name FROM SLA_Clock__c ORDER BY Responsible_User__r.Name ASC NULLS LAST LIMIT 10'
        );
    });

    it.each([
        [
            'mutation',
            'mutation m { uiapi { query { Lead { edges { node { Id } } } } } }',
            'queries only'
        ],
        [
            'fragment',
            '{ uiapi { query { Lead { edges { node { ...f } } } } } }',
            'fragments are not supported'
        ],
        [
            'directive',
            '{ uiapi @skip(if: true) { query { Lead { edges { node { Id } } } } } }',
            'directives are not supported'
        ],
        ['unclosed', '{ uiapi { query { Lead { edges { node { Id } } } }', 'Syntax error'],
        ['other root', '{ uiapi { objectInfos { x } } }', 'uiapi { query { ... } } only']
    ])('%s document is rejected', async (_name, query, message) => {
        const attempt = async (): Promise<void> => {
            await planOperation(parseQuery(query, null).selections, infos, {});
        };

        await expect(attempt()).rejects.toThrow(message);
    });

    it('required variables must be given', () => {
        const operation = parseOperation(
            'query q($id: ID!) { uiapi { query { Lead { edges { node { Id } } } } } }',
            'q'
        );

        expect(() => variableValues(operation, {})).toThrow(
            'The variable $id of type ID! is required'
        );
    });
});

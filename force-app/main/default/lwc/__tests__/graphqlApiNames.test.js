/**
 * Checks the object, field and relationship names in every component's GraphQL query
 * against the metadata in force-app. `@salesforce/schema` imports are checked by the
 * worker's name check, but GraphQL queries are plain text, and a misspelled name in one
 * would only fail in the org, as an error panel on the record page.
 */
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const DEFAULT = join(__dirname, '..', '..');
const LWC = join(DEFAULT, 'lwc');
const OBJECTS = join(DEFAULT, 'objects');

// Standard objects and the standard fields the queries use; force-app holds only the
// custom fields of standard objects.
const STANDARD_FIELDS = {
    Account: ['Id', 'Name'],
    Contact: ['Id', 'Name', 'AccountId'],
    Lead: ['Id', 'Name'],
    Opportunity: ['Id', 'Name', 'AccountId', 'IsClosed', 'CloseDate'],
    User: ['Id', 'Name']
};
const COMMON_FIELDS = ['Id', 'Name', 'DeveloperName', 'CreatedDate'];
const CONNECTION_FIELDS = ['edges', 'node', 'totalCount', 'pageInfo', 'cursor'];
/** Type of a selection below a relationship that does not exist. */
const UNKNOWN = Symbol('unknown');

function readField(objectName, fieldName) {
    const path = join(
        OBJECTS,
        objectName,
        'fields',
        `${fieldName}.field-meta.xml`
    );
    if (!existsSync(path)) {
        return null;
    }
    const referenceTo = /<referenceTo>([^<]+)<\/referenceTo>/.exec(
        readFileSync(path, 'utf8')
    );
    return { referenceTo: referenceTo ? referenceTo[1] : null };
}

function objectExists(objectName) {
    return (
        objectName in STANDARD_FIELDS || existsSync(join(OBJECTS, objectName))
    );
}

function fieldExists(objectName, fieldName) {
    const standard = STANDARD_FIELDS[objectName] || [];
    return (
        COMMON_FIELDS.includes(fieldName) ||
        standard.includes(fieldName) ||
        readField(objectName, fieldName) !== null
    );
}

/** Tokens of a GraphQL document: names, variables, strings and punctuation. */
function tokenize(text) {
    const withoutComments = text.replace(/#[^\n]*/g, '');
    return withoutComments.match(
        /"[^"]*"|\$?[A-Za-z_][A-Za-z0-9_]*|[{}()[\]:]/g
    );
}

function depthChange(token, open, close) {
    if (token === open) {
        return 1;
    }
    return token === close ? -1 : 0;
}

/** Capitalised keys inside arguments are field names: `where: { Lead__c: { eq: $id } }`. */
function argumentFields(tokens, start) {
    const names = [];
    let depth = 0;
    let index = start;
    do {
        const token = tokens[index];
        depth += depthChange(token, '(', ')');
        if (/^[A-Z]/.test(token) && tokens[index + 1] === ':') {
            names.push(token);
        }
        index += 1;
    } while (depth > 0);
    return { names, next: index };
}

/**
 * Walks a selection set and returns problems. `objectName` is the record type whose
 * fields are selected, or null above the records (`uiapi`, `query`, `edges`).
 */
function walk(tokens, start, objectName, problems) {
    let index = start + 1;
    while (tokens[index] !== '}') {
        let name = tokens[index];
        if (tokens[index + 1] === ':' && tokens[index + 2] !== '{') {
            name = tokens[index + 2];
            index += 2;
        }
        index += 1;
        let args = [];
        if (tokens[index] === '(') {
            const parsed = argumentFields(tokens, index);
            args = parsed.names;
            index = parsed.next;
        }
        let childObject = objectName;
        if (objectName === null && /^[A-Z]/.test(name)) {
            childObject = name;
            if (!objectExists(name)) {
                problems.push(`object ${name} does not exist`);
            }
        } else if (objectName !== null && !CONNECTION_FIELDS.includes(name)) {
            childObject = checkRecordField(objectName, name, problems);
        }
        args.forEach((field) => {
            if (childObject !== UNKNOWN && !fieldExists(childObject, field)) {
                problems.push(
                    `field ${field} in arguments does not exist on ${childObject}`
                );
            }
        });
        if (tokens[index] === '{') {
            index =
                childObject === UNKNOWN
                    ? skip(tokens, index)
                    : walk(tokens, index, childObject, problems);
        }
    }
    return index + 1;
}

/** Skips the selection set that starts at `start`, whose type is unknown. */
function skip(tokens, start) {
    let depth = 0;
    let index = start;
    do {
        depth += depthChange(tokens[index], '{', '}');
        index += 1;
    } while (depth > 0);
    return index;
}

function checkRecordField(objectName, name, problems) {
    if (['value', 'displayValue'].includes(name)) {
        return objectName;
    }
    if (name.endsWith('__r')) {
        const lookup = readField(objectName, name.replace(/__r$/, '__c'));
        if (lookup === null || lookup.referenceTo === null) {
            problems.push(
                `relationship ${name} does not exist on ${objectName}`
            );
            return UNKNOWN;
        }
        return lookup.referenceTo;
    }
    if (!fieldExists(objectName, name)) {
        problems.push(`field ${name} does not exist on ${objectName}`);
    }
    return objectName;
}

function checkQuery(query) {
    const tokens = tokenize(query);
    const problems = [];
    walk(tokens, tokens.indexOf('{'), null, problems);
    return problems;
}

function componentQueries() {
    return readdirSync(LWC, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && entry.name !== '__tests__')
        .flatMap((entry) =>
            readdirSync(join(LWC, entry.name))
                .filter((file) => file.endsWith('.js'))
                .flatMap((file) => {
                    const source = readFileSync(
                        join(LWC, entry.name, file),
                        'utf8'
                    );
                    return [...source.matchAll(/gql`([^`]*)`/g)].map(
                        (match) => [`${entry.name}/${file}`, match[1]]
                    );
                })
        );
}

describe('GraphQL API names', () => {
    const queries = componentQueries();

    it('finds the component queries', () => {
        expect(queries.length).toBeGreaterThanOrEqual(5);
    });

    it.each(queries)('%s names existing objects and fields', (_file, query) => {
        expect(checkQuery(query)).toEqual([]);
    });

    it('reports misspelled names', () => {
        const query = `query broken($id: ID) {
            uiapi { query {
                SLA_Clock__c(where: { Leed__c: { eq: $id } }) {
                    edges { node {
                        Id
                        Due_At__c { value }
                        Stauts__c { value }
                        Responsible_User__r { Name { value } Emial { value } }
                        Owner__r { Name { value } }
                    } }
                }
                SLA_Clocks__c { edges { node { Id } } }
            } }
        }`;

        expect(checkQuery(query)).toEqual([
            'field Leed__c in arguments does not exist on SLA_Clock__c',
            'field Stauts__c does not exist on SLA_Clock__c',
            'field Emial does not exist on User',
            'relationship Owner__r does not exist on SLA_Clock__c',
            'object SLA_Clocks__c does not exist'
        ]);
    });
});

import { join } from 'node:path';
import {
    findManifestGaps,
    readManifestTypes,
    validateMetadata,
    type TypeMembers
} from '../../src/metadata';
import { copyFixture } from './fixture';

jest.setTimeout(60_000);

/** Every type the fixture project contains, written out by hand. */
const FIXTURE_TYPES = [
    'CustomField',
    'CustomLabel',
    'CustomLabels',
    'CustomMetadata',
    'CustomObject',
    'CustomTab',
    'LightningComponentBundle',
    'ListView',
    'PermissionSet',
    'StandardValueSet',
    'ValidationRule'
];

describe('converted package.xml', () => {
    it('lists every type of the fixture', async () => {
        const fixture = await copyFixture();
        try {
            const report = await validateMetadata(fixture.packageFolder);
            expect(report.sourceTypes).toEqual(FIXTURE_TYPES);
            expect(report.packageTypes).toEqual(FIXTURE_TYPES);
        } finally {
            await fixture.remove();
        }
    });

    it('lists every type of force-app', async () => {
        const report = await validateMetadata(join(__dirname, '..', '..', '..', 'force-app'));
        expect(report.sourceTypes).toEqual(
            expect.arrayContaining(['CustomField', 'CustomMetadata', 'PermissionSet'])
        );
        expect(report.packageTypes).toEqual(report.sourceTypes);
    });
});

describe('findManifestGaps', () => {
    const present: TypeMembers = new Map([
        ['CustomField', new Set(['Widget__c.Size__c', 'Widget__c.Status__c'])],
        ['PermissionSet', new Set(['Widget_User'])]
    ]);

    it('finds nothing when the manifest lists everything', () => {
        const listed = readManifestTypes(
            manifest([
                ['CustomField', ['Widget__c.Size__c', 'Widget__c.Status__c']],
                ['PermissionSet', ['Widget_User']]
            ])
        );
        expect(findManifestGaps(present, listed)).toEqual([]);
    });

    it('reports a type the manifest leaves out', () => {
        const listed = readManifestTypes(
            manifest([['CustomField', ['Widget__c.Size__c', 'Widget__c.Status__c']]])
        );
        expect(findManifestGaps(present, listed)).toEqual([{ typeName: 'PermissionSet' }]);
    });

    it('reports a member the manifest leaves out', () => {
        const listed = readManifestTypes(
            manifest([
                ['CustomField', ['Widget__c.Size__c']],
                ['PermissionSet', ['*']]
            ])
        );
        expect(findManifestGaps(present, listed)).toEqual([
            { typeName: 'CustomField', member: 'Widget__c.Status__c' }
        ]);
    });
});

function manifest(types: [string, string[]][]): string {
    const entries = types.map(
        ([name, members]) =>
            `    <types>\n${members.map((member) => `        <members>${member}</members>\n`).join('')}        <name>${name}</name>\n    </types>\n`
    );
    return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata">\n${entries.join('')}    <version>65.0</version>\n</Package>\n`;
}

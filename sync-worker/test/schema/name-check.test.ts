import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadOrgSchema } from '../../src/schema/force-app-reader';
import {
    checkRecordSchemaNames,
    explainSchemaImport,
    findSchemaImports,
    type NameProblem
} from '../../src/schema/name-check';
import { RECORD_SCHEMAS } from '../../src/schema/records';
import type { OrgSchema } from '../../src/schema/types';

const ROOT = join(__dirname, '..', '..', '..');
const FORCE_APP = join(ROOT, 'force-app');
const LWC_DIR = join(FORCE_APP, 'main', 'default', 'lwc');

/** Component sources under `lwc/`, without their tests. */
function listComponentSources(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) {
            return entry === '__tests__' ? [] : listComponentSources(path);
        }
        return path.endsWith('.js') ? [path] : [];
    });
}

function checkComponentImports(schema: OrgSchema, files: readonly string[]): NameProblem[] {
    return files.flatMap((file) =>
        findSchemaImports(readFileSync(file, 'utf8')).flatMap((name) => {
            const reason = explainSchemaImport(schema, name);
            return reason ? [{ name, reason, file: relative(ROOT, file) }] : [];
        })
    );
}

describe('API names', () => {
    let schema: OrgSchema;

    beforeAll(() => {
        schema = loadOrgSchema(FORCE_APP);
    });

    it('record schema keys exist in the org schema', () => {
        expect(checkRecordSchemaNames(schema, RECORD_SCHEMAS)).toEqual([]);
    });

    it('component schema imports exist in the org schema', () => {
        expect(checkComponentImports(schema, listComponentSources(LWC_DIR))).toEqual([]);
    });

    it('reports a record schema key missing from force-app', () => {
        const problems = checkRecordSchemaNames(schema, {
            Lead: { shape: { Intent_Score__c: null, Intent_Scroe__c: null } }
        });

        expect(problems).toEqual([
            {
                name: 'Lead.Intent_Scroe__c',
                reason: 'field Intent_Scroe__c does not exist on Lead'
            }
        ]);
    });

    it('follows parent relationships in imports', () => {
        expect(explainSchemaImport(schema, 'SLA_Clock__c.Lead__r.Email')).toBeNull();
        expect(explainSchemaImport(schema, 'Lead.Owner.Name')).toBeNull();
        expect(explainSchemaImport(schema, 'SLA_Clock__c.Lead__r.Emial')).toBe(
            'field Emial does not exist on Lead'
        );
        expect(explainSchemaImport(schema, 'SLA_Clock__c.Leed__r.Email')).toBe(
            'relationship Leed__r does not exist on SLA_Clock__c'
        );
    });

    it('finds the schema imports of a component source', () => {
        const source = [
            "import STATUS_FIELD from '@salesforce/schema/Lead.SLA_Status__c';",
            'import LEAD_OBJECT from "@salesforce/schema/Lead";',
            "import { LightningElement } from 'lwc';"
        ].join('\n');

        expect(findSchemaImports(source)).toEqual(['Lead.SLA_Status__c', 'Lead']);
    });

    it('reports an import of an unknown object', () => {
        expect(explainSchemaImport(schema, 'SLA_Clocks__c.Status__c')).toBe(
            'object SLA_Clocks__c does not exist'
        );
    });
});

/**
 * The integration user's permission set grants what the worker uses and no more. Field
 * permissions are compared with the fields the worker reads (its record schemas) and
 * with the fields a run of the worker writes on the small sample org. Every read field
 * must be readable, every written field editable and every granted field read. Every
 * editable field must be written by the run or by a path the run does not reach.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { generateSampleOrg, loadSampleOrg } from '../../../scripts/sample-org';
import { parseRoot } from '../../src/metadata/source-file';
import { fieldNamesOf, RECORD_SCHEMAS, type SObjectName } from '../../src/schema/records';
import { createWorker, quietLogs, startSyncOrg } from '../sync/helpers';

jest.setTimeout(60_000);

const FORCE_APP = join(__dirname, '..', '..', '..', 'force-app', 'main', 'default');
const PERMISSION_SET = join(
    FORCE_APP,
    'permissionsets',
    'Lead_SLA_Integration.permissionset-meta.xml'
);

/** Editable fields the sample run does not write, with the code that writes them. */
const WRITTEN_OUTSIDE_THE_RUN: Readonly<Record<string, string>> = {
    'Lead.Exploratory__c': 'leads of exploratory accounts are marked (policy/exploratory.ts)',
    'Event.Exploratory__c': 'meetings of exploratory accounts are marked (policy/exploratory.ts)',
    'Lead.Rejected_At__c': 'a lead rejected without a time gets one (policy/rejections.ts)',
    'SLA_Review__c.Lead__c':
        'the review of a disputed rejection names its lead (policy/rejections.ts)',
    'Task.SLA_Clock__c': 'set when a task is created, after the plan (sync/write-execution.ts)',
    // Tasks and events share activity custom fields; the worker sets this one on tasks only.
    'Event.SLA_Clock__c': 'kept as on Task.SLA_Clock__c, the same activity custom field'
};

/** System permissions and why the worker needs each. */
const USER_PERMISSIONS: Readonly<Record<string, string>> = {
    ApiEnabled: 'every call goes through the REST API',
    EditTask: 'creates reminder tasks and marks tasks exploratory',
    EditEvent: 'marks meetings exploratory',
    SendCustomNotifications: 'sends the SLA Alert notifications',
    TransferAnyLead: 'changes the owner of leads it routes or reassigns',
    TransferAnyEntity: 'changes the owner of contacts and accounts'
};

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const asList = (value: unknown): unknown[] =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];
const permissionSetSchema = z.object({
    fieldPermissions: z.preprocess(
        asList,
        z.array(z.object({ field: z.string(), readable: flag, editable: flag }))
    ),
    objectPermissions: z.preprocess(
        asList,
        z.array(
            z.object({
                object: z.string(),
                allowCreate: flag,
                allowEdit: flag,
                allowDelete: flag,
                modifyAllRecords: flag,
                viewAllFields: flag
            })
        )
    ),
    userPermissions: z.preprocess(asList, z.array(z.object({ name: z.string(), enabled: flag }))),
    customMetadataTypeAccesses: z.preprocess(asList, z.array(z.object({ name: z.string() })))
});

function readPermissionSet(): z.infer<typeof permissionSetSchema> {
    const root = parseRoot(readFileSync(PERMISSION_SET, 'utf8'));
    return permissionSetSchema.parse(root?.content);
}

/** True for a field defined as required in force-app: Salesforce takes no permission for it. */
function isRequiredField(object: string, field: string): boolean {
    const folder = object === 'Task' || object === 'Event' ? 'Activity' : object;
    const file = join(FORCE_APP, 'objects', folder, 'fields', `${field}.field-meta.xml`);
    return existsSync(file) && readFileSync(file, 'utf8').includes('<required>true</required>');
}

/** Lists the custom fields the worker reads, as `Object.Field`, on objects with field permissions. */
function customFieldsRead(): string[] {
    return Object.keys(RECORD_SCHEMAS)
        .filter((object) => !object.endsWith('__mdt'))
        .flatMap((object) =>
            fieldNamesOf(object as SObjectName)
                .filter((field) => field.endsWith('__c') && !isRequiredField(object, field))
                .map((field) => `${object}.${field}`)
        );
}

/** Runs the worker on the small sample org and returns every field it plans to write, as `Object.Field`. */
async function fieldsWrittenBySampleRun(): Promise<{ fields: Set<string>; created: Set<string> }> {
    const now = new Date('2027-03-17T18:30:00.000Z');
    const sample = generateSampleOrg({ seed: 1, now, scale: 'small' });
    const testOrg = await startSyncOrg({
        seedData: (store) => {
            loadSampleOrg(store, sample);
        }
    });
    const fields = new Set<string>();
    const created = new Set<string>();
    const add = (object: string, values: object): void => {
        for (const field of Object.keys(values)) {
            fields.add(`${object}.${field}`);
        }
    };
    try {
        const worker = await createWorker(testOrg);
        // The day of the seed, the next day, and the next quarter: routes, breaches,
        // reviews, monthly scorecards and decayed scores.
        for (const hours of [0, 26, 24 * 45]) {
            const report = await worker.runCycle(new Date(now.getTime() + hours * 3_600_000));
            expect(report.outcome).toBe('success');
            const plan = report.plan;
            for (const update of plan?.updates ?? []) {
                add(update.object, update.fields);
            }
            for (const upsert of [...(plan?.newClocks ?? []), ...(plan?.transitions ?? [])]) {
                add('SLA_Clock__c', upsert.fields);
                created.add('SLA_Clock__c');
            }
            for (const upsert of plan?.outcomes ?? []) {
                add(upsert.object, upsert.fields);
                created.add(upsert.object);
            }
            for (const task of plan?.tasks ?? []) {
                add('Task', task.fields);
                created.add('Task');
            }
        }
    } finally {
        await testOrg.close();
    }
    return { fields, created };
}

describe('integration permission set', () => {
    const permissionSet = readPermissionSet();
    const granted = new Map(
        permissionSet.fieldPermissions.map((permission) => [permission.field, permission])
    );
    const objects = new Map(
        permissionSet.objectPermissions.map((permission) => [permission.object, permission])
    );
    const editable = [...granted.values()]
        .filter((permission) => permission.editable)
        .map((permission) => permission.field);
    let run: { fields: Set<string>; created: Set<string> };

    beforeAll(async () => {
        quietLogs();
        run = await fieldsWrittenBySampleRun();
    });

    it('grants read on every custom field the worker reads', () => {
        const missing = customFieldsRead().filter((field) => granted.get(field)?.readable !== true);
        expect(missing).toEqual([]);
    });

    it('grants no field the worker does not read', () => {
        const read = new Set(customFieldsRead());
        expect([...granted.keys()].filter((field) => !read.has(field))).toEqual([]);
    });

    it('grants edit on every custom field the worker writes', () => {
        const written = [...run.fields].filter((field) => field.endsWith('__c'));
        expect(written.length).toBeGreaterThan(60);
        expect(written.filter((field) => granted.get(field)?.editable !== true)).toEqual([]);
    });

    it('grants edit only on fields the worker writes', () => {
        const unused = editable.filter(
            (field) => !run.fields.has(field) && !(field in WRITTEN_OUTSIDE_THE_RUN)
        );
        expect(unused).toEqual([]);
        const nowWritten = Object.keys(WRITTEN_OUTSIDE_THE_RUN).filter((field) =>
            run.fields.has(field)
        );
        expect(nowWritten).toEqual([]);
    });

    it('grants edit and create on the objects the worker writes', () => {
        const problems: string[] = [];
        for (const object of new Set([...run.fields].map((field) => field.split('.')[0] ?? ''))) {
            if (object === 'Task' || object === 'Event') {
                continue;
            }
            if (objects.get(object)?.allowEdit !== true) {
                problems.push(`${object}: no edit`);
            }
        }
        for (const object of run.created) {
            if (object !== 'Task' && objects.get(object)?.allowCreate !== true) {
                problems.push(`${object}: no create`);
            }
        }
        expect(problems).toEqual([]);
        expect(run.created).toContain('Task');
        expect(run.fields).toContain('Lead.OwnerId');
        expect(run.fields).toContain('Account.OwnerId');
    });

    it('grants no delete, modify-all or view-all-fields', () => {
        const broad = permissionSet.objectPermissions.filter(
            (permission) =>
                permission.allowDelete || permission.modifyAllRecords || permission.viewAllFields
        );
        expect(broad).toEqual([]);
    });

    it('grants only the system permissions the worker uses', () => {
        const enabled = permissionSet.userPermissions
            .filter((permission) => permission.enabled)
            .map((permission) => permission.name)
            .sort();
        expect(enabled).toEqual(Object.keys(USER_PERMISSIONS).sort());
    });

    it('grants the custom metadata types of the policy', () => {
        expect(
            permissionSet.customMetadataTypeAccesses.map((access) => access.name).sort()
        ).toEqual(['SLA_Policy__mdt', 'SLA_Signal_Weight__mdt', 'SLA_Source_Tier__mdt']);
    });
});

/**
 * Serves the components' `getRecord` requests: one record with the requested fields,
 * in the record shape of the User Interface API (`{ apiName, id, fields }`, each field
 * `{ value, displayValue }`, and a parent record for a spanning field such as
 * `Opportunity.Account.Name`).
 */
import type { Connection } from 'jsforce';
import { z } from 'zod';
import { escapeSoqlText, isRecordId } from '../../sync-worker/src/salesforce';
import { uiFieldValue } from './field-values';
import type { FieldInfo, ObjectInfo, ObjectInfoSource } from './object-info';

/** A request as the wire adapter sends it: qualified names such as `Opportunity.Metrics__c`. */
export interface RecordRequest {
    recordId: string;
    fields: readonly string[];
    optionalFields: readonly string[];
}

/** A failed request, returned as an HTTP status and a UI API style error body. */
export class RecordRequestError extends Error {
    override readonly name = 'RecordRequestError';

    constructor(
        readonly status: 400 | 404,
        readonly errorCode: string,
        message: string
    ) {
        super(message);
    }
}

/** A UI API record. */
export interface UiRecord {
    apiName: string;
    id: string | null;
    fields: Record<string, { value: unknown; displayValue: string | null }>;
    childRelationships: Record<string, never>;
    recordTypeId: null;
}

/** A field path below the record: plain fields, then the steps through parent records. */
interface FieldPath {
    readonly steps: readonly { relationshipName: string; info: ObjectInfo }[];
    readonly field: FieldInfo;
}

const recordSchema = z.record(z.string(), z.unknown());
const resultSchema = z.object({ records: z.array(recordSchema) });

/** Resolves `Relation.Relation.Field` below `info`; null when a part does not exist. */
async function resolvePath(
    info: ObjectInfo,
    infos: ObjectInfoSource,
    parts: readonly string[]
): Promise<FieldPath | null> {
    const steps: { relationshipName: string; info: ObjectInfo }[] = [];
    let current = info;
    for (const [index, part] of parts.entries()) {
        if (index === parts.length - 1) {
            const field = current.field(part);
            return field === undefined ? null : { steps, field };
        }
        const lookup = current.relationship(part);
        const target = lookup?.referenceTo?.includes('User') ? 'User' : lookup?.referenceTo?.[0];
        if (lookup?.relationshipName == null || target === undefined) {
            return null;
        }
        current = await infos.get(target);
        steps.push({ relationshipName: lookup.relationshipName, info: current });
    }
    return null;
}

/** Splits qualified names and checks that each names the record's object. */
function objectAndPaths(request: RecordRequest): { objectName: string; names: string[][] } {
    const all = [...request.fields, ...request.optionalFields];
    const objectNames = new Set(all.map((name) => name.split('.')[0] ?? ''));
    const [objectName, ...others] = [...objectNames];
    if (objectName === undefined || others.length > 0) {
        throw new RecordRequestError(
            400,
            'INVALID_FIELD',
            'getRecord needs fields or optionalFields of one object, such as Opportunity.Name; the preview does not read layouts.'
        );
    }
    return { objectName, names: all.map((name) => name.split('.').slice(1)) };
}

function emptyRecord(info: ObjectInfo, id: string | null): UiRecord {
    return { apiName: info.name, id, fields: {}, childRelationships: {}, recordTypeId: null };
}

/** Puts one field of `row` into `record`, creating parent records on the way. */
function placeField(record: UiRecord, row: Record<string, unknown>, path: FieldPath): void {
    let target = record;
    let source: Record<string, unknown> | null = row;
    for (const step of path.steps) {
        const parentRow = recordSchema
            .nullable()
            .catch(null)
            .parse(source?.[step.relationshipName] ?? null);
        const existing = target.fields[step.relationshipName]?.value;
        let parent: UiRecord | null = null;
        if (parentRow !== null) {
            parent =
                typeof existing === 'object' && existing !== null
                    ? (existing as UiRecord)
                    : emptyRecord(
                          step.info,
                          typeof parentRow.Id === 'string' ? parentRow.Id : null
                      );
        }
        target.fields[step.relationshipName] = { value: parent, displayValue: null };
        if (parent === null) {
            return;
        }
        target = parent;
        source = parentRow;
    }
    target.fields[path.field.name] = uiFieldValue(path.field, source?.[path.field.name]);
}

/** Reads the record. Unknown required fields and missing records are errors, as on the platform. */
export async function readUiRecord(
    conn: Connection,
    infos: ObjectInfoSource,
    request: RecordRequest
): Promise<UiRecord> {
    if (!isRecordId(request.recordId)) {
        throw new RecordRequestError(
            400,
            'INVALID_ID',
            `${JSON.stringify(request.recordId)} is not a record Id.`
        );
    }
    const { objectName, names } = objectAndPaths(request);
    let info: ObjectInfo;
    try {
        info = await infos.get(objectName);
    } catch (error) {
        throw new RecordRequestError(
            400,
            'INVALID_TYPE',
            error instanceof Error ? error.message : String(error)
        );
    }

    const paths: FieldPath[] = [];
    for (const [index, parts] of names.entries()) {
        const path = await resolvePath(info, infos, parts);
        if (path !== null) {
            paths.push(path);
        } else if (index < request.fields.length) {
            throw new RecordRequestError(
                400,
                'INVALID_FIELD',
                `${objectName} has no field ${parts.join('.')}.`
            );
        }
    }

    const columns = new Set(['Id']);
    for (const path of paths) {
        const prefix = path.steps.map((step) => `${step.relationshipName}.`).join('');
        columns.add(`${prefix}${path.field.name}`);
        if (prefix !== '') {
            columns.add(`${prefix}Id`);
        }
    }
    const soql = `SELECT ${[...columns].join(', ')} FROM ${info.name} WHERE Id = '${escapeSoqlText(request.recordId)}'`;
    const [row] = resultSchema.parse(await conn.query(soql)).records;
    if (row === undefined) {
        throw new RecordRequestError(
            404,
            'NOT_FOUND',
            `No ${objectName} record has the Id ${request.recordId}.`
        );
    }

    const record = emptyRecord(info, typeof row.Id === 'string' ? row.Id : request.recordId);
    for (const path of paths) {
        placeField(record, row, path);
    }
    return record;
}

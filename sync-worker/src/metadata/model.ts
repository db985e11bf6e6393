import { dirname, sep } from 'node:path';
import type { z } from 'zod';
import { classifyMetaFile } from './file-kinds';
import {
    customFieldSchema,
    customMetadataRecordSchema,
    customTabSchema,
    globalValueSetSchema,
    listViewSchema,
    permissionSetSchema,
    queueSchema,
    standardValueSetSchema,
    validationRuleSchema,
    type CustomFieldDefinition
} from './schemas';
import type { SourceFile } from './source-file';
import type { MetadataProblem } from './types';

/** One parsed component: its file, its name from the file name, and its content. */
export interface Entry<T> {
    readonly file: SourceFile;
    readonly name: string;
    readonly definition: T;
}

/** A component that belongs to an object: a field, a validation rule, a list view. */
export interface ObjectChild<T> extends Entry<T> {
    readonly objectName: string;
}

export interface FieldEntry extends ObjectChild<CustomFieldDefinition> {
    /**
     * True when the field file is malformed. The field still counts as existing, so one
     * broken file does not also fail every reference to it, but nothing else is checked.
     */
    readonly unreadable?: boolean;
}

/** An object folder under `objects/`: its definition file, if any, and its fields. */
export interface ObjectEntry {
    readonly name: string;
    /** The `.object-meta.xml` file; standard objects that only gain fields have none. */
    file?: SourceFile;
    readonly fields: Map<string, FieldEntry>;
}

/** The package contents the reference checks need, indexed by API name. */
export interface PackageModel {
    readonly objects: Map<string, ObjectEntry>;
    readonly validationRules: ObjectChild<z.infer<typeof validationRuleSchema>>[];
    readonly listViews: ObjectChild<z.infer<typeof listViewSchema>>[];
    readonly customMetadataRecords: Entry<z.infer<typeof customMetadataRecordSchema>>[];
    readonly permissionSets: Entry<z.infer<typeof permissionSetSchema>>[];
    readonly tabs: Entry<z.infer<typeof customTabSchema>>[];
    readonly queues: Entry<z.infer<typeof queueSchema>>[];
    /** Picklist value names per standard value set, e.g. `LeadStatus`. */
    readonly standardValueSets: Map<string, Entry<string[]>>;
    /** Picklist value names per global value set. */
    readonly globalValueSets: Map<string, Entry<string[]>>;
}

/**
 * Builds the model from the package's XML files. Malformed object and field files still
 * count as existing; content that does not match the expected shape is a problem.
 */
export function buildModel(files: readonly SourceFile[]): {
    model: PackageModel;
    problems: MetadataProblem[];
} {
    const model: PackageModel = {
        objects: new Map(),
        validationRules: [],
        listViews: [],
        customMetadataRecords: [],
        permissionSets: [],
        tabs: [],
        queues: [],
        standardValueSets: new Map(),
        globalValueSets: new Map()
    };
    const problems: MetadataProblem[] = [];
    for (const file of files) {
        const kind = classifyMetaFile(file.path);
        if (kind === undefined) {
            continue;
        }
        const item = { file, name: kind.name, typeName: kind.typeName };
        if (file.root !== undefined && file.rootName === kind.typeName) {
            addToModel(model, item, problems);
        } else {
            addUnreadable(model, item);
        }
    }
    return { model, problems };
}

interface Classified {
    readonly file: SourceFile;
    readonly name: string;
    readonly typeName: string;
}

function addToModel(model: PackageModel, item: Classified, problems: MetadataProblem[]): void {
    const parse = <S extends z.ZodType>(schema: S): Entry<z.infer<S>> | undefined => {
        const result = schema.safeParse(item.file.root);
        if (result.success) {
            return { file: item.file, name: item.name, definition: result.data };
        }
        problems.push(structureProblem(item, result.error));
        return undefined;
    };
    const objectName = objectFolderOf(item.file.path);
    switch (item.typeName) {
        case 'CustomObject':
            objectEntry(model, item.name).file = item.file;
            break;
        case 'CustomField': {
            const field = parse(customFieldSchema);
            if (field === undefined) {
                addUnreadable(model, item);
            }
            withObject(field, objectName, (entry) =>
                objectEntry(model, entry.objectName).fields.set(entry.name, entry)
            );
            break;
        }
        case 'ValidationRule':
            withObject(parse(validationRuleSchema), objectName, (rule) =>
                model.validationRules.push(rule)
            );
            break;
        case 'ListView':
            withObject(parse(listViewSchema), objectName, (view) => model.listViews.push(view));
            break;
        default:
            addTopLevel(model, item.typeName, parse);
    }
}

/** Records that a malformed object or field file exists; its own problems are reported elsewhere. */
function addUnreadable(model: PackageModel, item: Classified): void {
    const objectName = objectFolderOf(item.file.path);
    if (item.typeName === 'CustomObject') {
        objectEntry(model, item.name).file = item.file;
    } else if (item.typeName === 'CustomField' && objectName !== undefined) {
        const field = {
            file: item.file,
            name: item.name,
            objectName,
            definition: {},
            unreadable: true
        };
        objectEntry(model, objectName).fields.set(item.name, field);
    }
}

type Parse = <S extends z.ZodType>(schema: S) => Entry<z.infer<S>> | undefined;

function addTopLevel(model: PackageModel, typeName: string, parse: Parse): void {
    switch (typeName) {
        case 'CustomMetadata':
            pushDefined(model.customMetadataRecords, parse(customMetadataRecordSchema));
            break;
        case 'PermissionSet':
            pushDefined(model.permissionSets, parse(permissionSetSchema));
            break;
        case 'CustomTab':
            pushDefined(model.tabs, parse(customTabSchema));
            break;
        case 'Queue':
            pushDefined(model.queues, parse(queueSchema));
            break;
        case 'StandardValueSet':
            addValueSet(
                model.standardValueSets,
                parse(standardValueSetSchema),
                (set) => set.standardValue
            );
            break;
        case 'GlobalValueSet':
            addValueSet(
                model.globalValueSets,
                parse(globalValueSetSchema),
                (set) => set.customValue
            );
            break;
        default:
        // Other types have no references the validator follows.
    }
}

function pushDefined<T>(entries: T[], entry: T | undefined): void {
    if (entry !== undefined) {
        entries.push(entry);
    }
}

function addValueSet<T>(
    sets: Map<string, Entry<string[]>>,
    entry: Entry<T> | undefined,
    valuesOf: (definition: T) => readonly { fullName: string }[]
): void {
    if (entry !== undefined) {
        const values = valuesOf(entry.definition).map((value) => value.fullName);
        sets.set(entry.name, { file: entry.file, name: entry.name, definition: values });
    }
}

function withObject<T>(
    entry: Entry<T> | undefined,
    objectName: string | undefined,
    add: (child: ObjectChild<T>) => void
): void {
    // A child outside objects/<Object>/ has no object; the layout check reports it.
    if (entry !== undefined && objectName !== undefined) {
        add({ ...entry, objectName });
    }
}

function objectEntry(model: PackageModel, name: string): ObjectEntry {
    let entry = model.objects.get(name);
    if (entry === undefined) {
        entry = { name, fields: new Map() };
        model.objects.set(name, entry);
    }
    return entry;
}

/** Returns `X` for a file anywhere below `objects/X/`, the object the file belongs to. */
function objectFolderOf(path: string): string | undefined {
    const folders = dirname(path).split(sep);
    const index = folders.lastIndexOf('objects');
    return index === -1 ? undefined : folders[index + 1];
}

function structureProblem(item: Classified, error: z.ZodError): MetadataProblem {
    const [issue] = error.issues;
    const where =
        issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    return {
        file: item.file.path,
        check: 'structure',
        message: `unexpected ${item.typeName} content${where}: ${issue?.message ?? error.message}`
    };
}

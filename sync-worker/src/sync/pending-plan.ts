/**
 * The plan a cycle is writing, kept in `pending-plan.jsonl` in the journal folder from
 * the moment its first write is sent until its last phase ran. A decision is written
 * in several requests (a lead's fields, its clock, tasks, the breach, the clock's
 * transition), so a process that dies between two of them leaves the decision half
 * written. Evaluating the half-written org again does not always make the same
 * decision: a lead that was recycled and routed to nurture, with only its new nurture
 * clock written, is recycled again and that clock is cancelled. So the next cycle, in
 * this process or a new one, finishes the stored plan before it evaluates anything,
 * and writes only what the org does not have yet.
 *
 * The plan is a redo log, not a lock. A field that has neither the value from before the
 * plan nor the planned one was changed by a person since the plan was made. It keeps
 * the person's value, and the next evaluation decides on it.
 */
import {
    closeSync,
    existsSync,
    mkdirSync,
    openSync,
    readFileSync,
    renameSync,
    rmSync,
    writeFileSync,
    writeSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { getLogger } from '../logging';
import { taskKeyOf } from '../policy';
import type { RestClient } from '../salesforce';
import type { SObjectName } from '../schema/records';
import { sameValue, type RecordValues } from './echo';
import { KEY_FIELDS, type KeyedObject, type OrgMirror } from './mirror';
import { MIRRORED_OBJECTS, type MirroredObject } from './objects';
import { executePlan, type ExecutionOptions, type ExecutionResult } from './write-execution';
import {
    plannedWriteCount,
    type PlannedTask,
    type PlannedUpdate,
    type PlannedUpsert,
    type WritePlan
} from './write-plan';

const logger = getLogger('sync.pending');

/**
 * File name of the pending plan in the journal folder: JSON lines, a header with the
 * cycle and its time, then one line per write. A first sync of a million leads plans
 * millions of writes, more than one JSON string can hold.
 */
export const PENDING_PLAN_FILE = 'pending-plan.jsonl';

/** File name of the count of cycles that tried to finish the pending plan. */
export const RESUME_ATTEMPTS_FILE = 'pending-plan-attempts.json';

/** Lines written to the file at once. */
const LINES_PER_WRITE = 5_000;

/**
 * Cycles that try to finish a plan whose writes keep failing before it is dropped and
 * the org is evaluated as it is. Three attempts outlast passing faults (a lock, a 5xx
 * after its retries, a timeout) but not a write the org always rejects.
 */
export const MAX_RESUME_ATTEMPTS = 3;

/**
 * True when an execution left nothing that another attempt could write: no failure that
 * may pass later, and no pause. A write the org rejects for good (a validation rule, say)
 * is not resumed, because it would only block the next evaluations.
 */
export function isExecutionComplete(execution: ExecutionResult): boolean {
    return (
        !execution.failed.some((failure) => failure.retryable) &&
        execution.pausedReason === undefined &&
        !execution.stoppedEarly
    );
}

/** Field values as JSON: datetimes become `{ "$date": ISO 8601 }` so they compare as datetimes again. */
function encodeFields(fields: RecordValues): Record<string, unknown> {
    const encoded: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
        encoded[name] = value instanceof Date ? { $date: value.toISOString() } : value;
    }
    return encoded;
}

const encodedDate = z.object({ $date: z.iso.datetime() });

function decodeFields(fields: Record<string, unknown>): RecordValues {
    const decoded: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
        const date = encodedDate.safeParse(value);
        decoded[name] = date.success ? new Date(date.data.$date) : value;
    }
    return decoded;
}

const fieldsSchema = z.record(z.string(), z.unknown()).transform(decodeFields);

const upsertSchema = z.object({
    object: z.enum(Object.keys(KEY_FIELDS) as [KeyedObject, ...KeyedObject[]]),
    key: z.string(),
    fields: fieldsSchema,
    reason: z.string(),
    clockKey: z.string().nullable()
});

const storedPlanSchema = z.object({
    cycle: z.number().int(),
    now: z.iso.datetime(),
    /** Cycles that already tried to finish the plan. */
    resumeAttempts: z.number().int().nonnegative().default(0),
    updates: z.array(
        z.object({
            object: z.string(),
            id: z.string(),
            fields: fieldsSchema,
            /** Values the fields held when the plan was made. */
            before: fieldsSchema,
            reason: z.string()
        })
    ),
    newClocks: z.array(upsertSchema),
    tasks: z.array(
        z.object({
            key: z.string(),
            fields: fieldsSchema,
            clockKey: z.string().nullable(),
            reason: z.string()
        })
    ),
    outcomes: z.array(upsertSchema),
    transitions: z.array(upsertSchema)
});

/** A pending plan as read back: the writes of the cycle that made it, and when it evaluated. */
export type StoredPlan = z.infer<typeof storedPlanSchema>;

function encodeUpsert(upsert: PlannedUpsert): Record<string, unknown> {
    return { ...upsert, fields: encodeFields(upsert.fields) };
}

const headerSchema = z.object({ cycle: z.number().int(), now: z.iso.datetime() });

const attemptsSchema = z.object({
    cycle: z.number().int(),
    attempts: z.number().int().nonnegative()
});

/** The line kinds of the file, by the plan list each one belongs to. */
const LISTS = ['updates', 'newClocks', 'tasks', 'outcomes', 'transitions'] as const;
type ListName = (typeof LISTS)[number];

function isListName(kind: unknown): kind is ListName {
    return typeof kind === 'string' && (LISTS as readonly string[]).includes(kind);
}

/** The lines of a stored plan: the header, then each write tagged with its list. */
function* linesOf(
    cycle: number,
    now: Date,
    plan: WritePlan,
    mirror: OrgMirror
): Generator<Record<string, unknown>, void, undefined> {
    yield { cycle, now: now.toISOString() };
    for (const update of plan.updates) {
        yield {
            kind: 'updates',
            ...update,
            fields: encodeFields(update.fields),
            before: encodeFields(valuesBefore(update, mirror))
        };
    }
    for (const clock of plan.newClocks) {
        yield { kind: 'newClocks', ...encodeUpsert(clock) };
    }
    for (const task of plan.tasks) {
        yield { kind: 'tasks', ...task, fields: encodeFields(task.fields) };
    }
    for (const outcome of plan.outcomes) {
        yield { kind: 'outcomes', ...encodeUpsert(outcome) };
    }
    for (const transition of plan.transitions) {
        yield { kind: 'transitions', ...encodeUpsert(transition) };
    }
}

/** Splits a file into its lines without making one string of it. */
function* fileLines(file: string): Generator<string, void, undefined> {
    const bytes = readFileSync(file);
    let start = 0;
    while (start < bytes.length) {
        const end = bytes.indexOf(10, start);
        const stop = end === -1 ? bytes.length : end;
        if (stop > start) {
            yield bytes.toString('utf8', start, stop);
        }
        start = stop + 1;
    }
}

/** The pending plan file; `folder` null keeps nothing (dry runs). */
export class PendingPlanFile {
    private readonly file: string | null;
    private readonly attemptsFile: string | null;

    public constructor(folder: string | null) {
        this.file = folder === null ? null : join(folder, PENDING_PLAN_FILE);
        this.attemptsFile = folder === null ? null : join(folder, RESUME_ATTEMPTS_FILE);
    }

    /** Stores a plan before its first write, with the values its updates replace. */
    public save(cycle: number, now: Date, plan: WritePlan, mirror: OrgMirror): void {
        if (this.file === null) {
            return;
        }
        mkdirSync(dirname(this.file), { recursive: true });
        // Through a temporary file and a rename, so a crash never leaves half a plan.
        const temporary = `${this.file}.tmp`;
        const handle = openSync(temporary, 'w');
        try {
            let block: string[] = [];
            for (const line of linesOf(cycle, now, plan, mirror)) {
                block.push(JSON.stringify(line));
                if (block.length === LINES_PER_WRITE) {
                    writeSync(handle, `${block.join('\n')}\n`);
                    block = [];
                }
            }
            writeSync(handle, block.length === 0 ? '' : `${block.join('\n')}\n`);
        } finally {
            closeSync(handle);
        }
        renameSync(temporary, this.file);
        this.clearAttempts();
    }

    /** Returns the stored plan, or null when there is none or it cannot be read. */
    public load(): StoredPlan | null {
        if (this.file === null || !existsSync(this.file)) {
            return null;
        }
        let parsed: ReturnType<typeof storedPlanSchema.safeParse>;
        try {
            parsed = storedPlanSchema.safeParse(this.readLines(this.file));
        } catch (error) {
            parsed = storedPlanSchema.safeParse(undefined);
            logger.warn(`The pending plan ${this.file} is not valid JSON lines.`, {
                error: error instanceof Error ? error.message : String(error)
            });
        }
        if (!parsed.success) {
            logger.warn(
                `The pending plan ${this.file} cannot be read; it is dropped, and a decision it left half written may not be repaired.`
            );
            this.clear();
            return null;
        }
        return parsed.data;
    }

    /** Counts one more cycle that could not finish the stored plan. */
    public countResumeAttempt(): void {
        const stored = this.file === null ? null : this.header(this.file);
        if (this.attemptsFile === null || stored === null) {
            return;
        }
        const attempts = this.attemptsOf(stored.cycle) + 1;
        writeFileSync(this.attemptsFile, JSON.stringify({ cycle: stored.cycle, attempts }));
    }

    /** Removes the file once the plan's last phase ran. */
    public clear(): void {
        if (this.file !== null) {
            rmSync(this.file, { force: true });
        }
        this.clearAttempts();
    }

    /** Gathers the header and the writes into the shape `storedPlanSchema` checks. */
    private readLines(file: string): Record<string, unknown> {
        const gathered: Record<string, unknown> & Record<ListName, unknown[]> = {
            updates: [],
            newClocks: [],
            tasks: [],
            outcomes: [],
            transitions: []
        };
        let first = true;
        for (const text of fileLines(file)) {
            const line = JSON.parse(text) as Record<string, unknown>;
            if (first) {
                Object.assign(gathered, line);
                first = false;
            } else if (isListName(line.kind)) {
                gathered[line.kind].push(line);
            } else {
                throw new Error(`a line has the invalid kind ${JSON.stringify(line.kind)}`);
            }
        }
        const header = headerSchema.safeParse(gathered);
        gathered.resumeAttempts = header.success ? this.attemptsOf(header.data.cycle) : 0;
        return gathered;
    }

    /** Reads the header line. Returns null when the file is missing or starts with something else. */
    private header(file: string): z.infer<typeof headerSchema> | null {
        if (!existsSync(file)) {
            return null;
        }
        for (const text of fileLines(file)) {
            const header = headerSchema.safeParse(JSON.parse(text));
            return header.success ? header.data : null;
        }
        return null;
    }

    /** Counts the cycles that tried to finish the plan of `cycle`, 0 for a count left by another plan. */
    private attemptsOf(cycle: number): number {
        if (this.attemptsFile === null || !existsSync(this.attemptsFile)) {
            return 0;
        }
        try {
            const stored = attemptsSchema.safeParse(
                JSON.parse(readFileSync(this.attemptsFile, 'utf8'))
            );
            return stored.success && stored.data.cycle === cycle ? stored.data.attempts : 0;
        } catch {
            return 0;
        }
    }

    private clearAttempts(): void {
        if (this.attemptsFile !== null) {
            rmSync(this.attemptsFile, { force: true });
        }
    }
}

function isMirroredObject(object: string): object is MirroredObject {
    return (MIRRORED_OBJECTS as readonly string[]).includes(object);
}

function valuesBefore(update: PlannedUpdate, mirror: OrgMirror): Record<string, unknown> {
    const current: RecordValues | undefined = isMirroredObject(update.object)
        ? mirror.get(update.object, update.id)
        : undefined;
    const before: Record<string, unknown> = {};
    for (const name of Object.keys(update.fields)) {
        before[name] = current?.[name] ?? null;
    }
    return before;
}

/** True when every planned field of a keyed record has its planned value in the mirror. */
function upsertWritten(mirror: OrgMirror, upsert: PlannedUpsert): boolean {
    const id = mirror.idOfKey(upsert.object, upsert.key);
    const current: RecordValues | undefined =
        id === undefined ? undefined : mirror.get(upsert.object, id);
    if (current === undefined) {
        return false;
    }
    return Object.entries(upsert.fields).every(([name, value]) => sameValue(current[name], value));
}

/**
 * Fields of a stored update still to write: those that still have the value from before
 * the plan. A field with the planned value was written. A field with a third value was
 * changed by someone else since, and is left alone.
 */
function remainingUpdate(
    mirror: OrgMirror,
    update: StoredPlan['updates'][number]
): PlannedUpdate | null {
    const object = update.object as SObjectName;
    const current: RecordValues | undefined = isMirroredObject(object)
        ? mirror.get(object, update.id)
        : undefined;
    if (current === undefined) {
        return null;
    }
    const fields: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(update.fields)) {
        if (!sameValue(current[name], value) && sameValue(current[name], update.before[name])) {
            fields[name] = value;
        }
    }
    if (Object.keys(fields).length === 0) {
        return null;
    }
    return { object, id: update.id, fields, reason: update.reason };
}

function existingTaskKeys(mirror: OrgMirror): Set<string> {
    const keys = new Set<string>();
    for (const task of mirror.list('Task')) {
        const key = taskKeyOf(task.Description);
        if (key !== null) {
            keys.add(key);
        }
    }
    return keys;
}

/** Lists the writes of a stored plan that the org, as the mirror shows it, does not have yet. */
export function remainingWrites(stored: StoredPlan, mirror: OrgMirror): WritePlan {
    const taskKeys = existingTaskKeys(mirror);
    const updates = stored.updates
        .map((update) => remainingUpdate(mirror, update))
        .filter((update): update is PlannedUpdate => update !== null);
    const tasks: PlannedTask[] = stored.tasks.filter((task) => !taskKeys.has(task.key));
    return {
        updates,
        newClocks: stored.newClocks.filter(
            (clock) => mirror.idOfKey('SLA_Clock__c', clock.key) === undefined
        ),
        tasks,
        outcomes: stored.outcomes.filter((outcome) => !upsertWritten(mirror, outcome)),
        transitions: stored.transitions.filter((transition) => !upsertWritten(mirror, transition)),
        notifications: [],
        skipped: []
    };
}

/** A stored plan that a cycle tried to finish, and the result of its remaining writes. */
export interface ResumedPlan {
    readonly stored: StoredPlan;
    readonly execution: ExecutionResult;
    /**
     * False while writes of the plan failed and it stays stored for the next cycle:
     * evaluating now would decide again on a half-written org.
     */
    readonly settled: boolean;
}

/**
 * Finishes the stored plan, if there is one: writes what the org does not hold yet and
 * removes the file. A write that fails keeps the file for the next cycle, up to
 * `MAX_RESUME_ATTEMPTS` cycles. Returns null when no plan was pending. Raises what
 * `executePlan` raises (authentication); the file then stays for the next cycle.
 */
export async function resumePendingPlan(
    pending: PendingPlanFile,
    client: RestClient,
    mirror: OrgMirror,
    options: ExecutionOptions
): Promise<ResumedPlan | null> {
    const stored = pending.load();
    if (stored === null) {
        return null;
    }
    const remaining = remainingWrites(stored, mirror);
    logger.warn(
        `Cycle ${stored.cycle} (evaluated at ${stored.now}) stopped before its last write; its ${plannedWriteCount(remaining)} remaining writes are made before the next evaluation.`,
        { cycle: stored.cycle, now: stored.now }
    );
    const execution = await executePlan(client, mirror, remaining, options);
    if (isExecutionComplete(execution)) {
        pending.clear();
        return { stored, execution, settled: true };
    }
    if (stored.resumeAttempts + 1 >= MAX_RESUME_ATTEMPTS) {
        logger.error(
            `The plan of cycle ${stored.cycle} could not be finished in ${MAX_RESUME_ATTEMPTS} cycles; it is dropped, and the next evaluation decides on the org as it is.`,
            { cycle: stored.cycle, failed: execution.failed.length }
        );
        pending.clear();
        return { stored, execution, settled: true };
    }
    pending.countResumeAttempt();
    return { stored, execution, settled: false };
}

/** Adds up two executions of one cycle (a resumed plan and the cycle's own), either of which may be missing. */
export function combineExecutions(
    first: ExecutionResult | null,
    second: ExecutionResult | null
): ExecutionResult | null {
    if (first === null || second === null) {
        return first ?? second;
    }
    return {
        written: first.written + second.written,
        failed: [...first.failed, ...second.failed],
        skipped: first.skipped + second.skipped,
        writtenAnchors: new Set([...first.writtenAnchors, ...second.writtenAnchors]),
        retryIds: new Set([...first.retryIds, ...second.retryIds]),
        pausedReason: second.pausedReason ?? first.pausedReason,
        stoppedEarly: first.stoppedEarly || second.stoppedEarly
    };
}

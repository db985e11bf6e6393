/**
 * The naive baseline of the API-call benchmark: the cycle a first version of the worker
 * written straight against jsforce would run. It reads the same change window with one
 * jsforce `query` per polled object, which costs one call per page of 2,000 rows. Then
 * it makes the worker's writes with one request per record: `sobject().update` by Id,
 * `sobject().upsert` by external ID and `sobject().create` for tasks. Notifications
 * cost one query for their type and one `customNotificationAction` request each.
 *
 * It replays the worker's plan of writes on an identical copy of the org, phase by
 * phase in the worker's order, so both make the same writes. The benchmark compares the
 * written records of both orgs afterwards. Its calls go through the same transport and
 * meter as the worker's (`connectSalesforce`), so both are counted the same way.
 */
import type { LocalOrg } from '../../sync-worker/src/local-org';
import { getLogger } from '../../sync-worker/src/logging';
import { KEY_FIELDS } from '../../sync-worker/src/sync/mirror';
import type { PlannedUpsert, WritePlan } from '../../sync-worker/src/sync/write-plan';
import type { Connection } from 'jsforce';
import { connectTo } from './api-org';
import { settleSockets, startCount, type CallCount, type PolledObject } from './api-worker';

const logger = getLogger('bench.naive-baseline');

/** Objects whose assignment rules the worker switches off with `Sforce-Auto-Assign: FALSE`. */
const AUTO_ASSIGN_OBJECTS: ReadonlySet<string> = new Set(['Lead', 'Account']);

/** Input of the baseline: the worker's change queries and plan of writes. */
export interface BaselineInput {
    readonly polled: readonly PolledObject[];
    readonly plan: WritePlan;
    /** Ids of the clocks the plan links records to, by `Clock_Key__c`, as the worker's mirror had them. */
    readonly clockIds: ReadonlyMap<string, string>;
}

/** Calls and records of one baseline run. */
export interface BaselineRun {
    readonly calls: CallCount;
    readonly recordsRead: number;
    readonly recordsWritten: number;
    readonly notificationsSent: number;
    /** Org time just before the baseline's first write. */
    readonly writeStart: Date;
}

/** Result of one single-record save, as jsforce returns it. */
interface SaveResult {
    readonly id?: string;
    readonly success: boolean;
    readonly errors?: readonly unknown[];
}

type Fields = Readonly<Record<string, unknown>>;

/** Throws when a single-record save failed, because the replay must make every write the worker made. */
function checkSaved(result: SaveResult, record: string): SaveResult {
    if (!result.success) {
        throw new Error(
            `The baseline's write of ${record} failed: ${JSON.stringify(result.errors)}`
        );
    }
    return result;
}

/** Writes the plan one record per request, in the worker's phase order. */
class Replay {
    public written = 0;
    private readonly newClockIds = new Map<string, string>();

    public constructor(
        private readonly conn: Connection,
        private readonly clockIds: ReadonlyMap<string, string>
    ) {}

    public clockId(key: string | null): string | null {
        return key === null ? null : (this.newClockIds.get(key) ?? this.clockIds.get(key) ?? null);
    }

    public async update(object: string, id: string, fields: Fields): Promise<void> {
        const headers: Record<string, string> = AUTO_ASSIGN_OBJECTS.has(object)
            ? { 'Sforce-Auto-Assign': 'FALSE' }
            : {};
        const result = (await this.conn
            .sobject(object)
            .update({ ...fields, Id: id }, { headers })) as SaveResult;
        checkSaved(result, `${object} ${id}`);
        this.written += 1;
    }

    public async upsert(upsert: PlannedUpsert): Promise<void> {
        const fields =
            upsert.clockKey === null || upsert.object === 'SLA_Clock__c'
                ? upsert.fields
                : { ...upsert.fields, SLA_Clock__c: this.clockId(upsert.clockKey) };
        const result = (await this.conn
            .sobject(upsert.object)
            .upsert({ ...fields }, KEY_FIELDS[upsert.object])) as SaveResult;
        checkSaved(result, `${upsert.object} ${upsert.key}`);
        if (upsert.object === 'SLA_Clock__c' && result.id !== undefined) {
            this.newClockIds.set(upsert.key, result.id);
        }
        this.written += 1;
    }

    public async insertTask(fields: Fields, clockKey: string | null): Promise<void> {
        const result = (await this.conn
            .sobject('Task')
            .create({ ...fields, SLA_Clock__c: this.clockId(clockKey) })) as SaveResult;
        checkSaved(result, 'a Task');
        this.written += 1;
    }
}

/** Reads the change window of every polled object with one jsforce query each, all pages. */
async function readChanges(conn: Connection, polled: readonly PolledObject[]): Promise<number> {
    let rows = 0;
    for (const { soql } of polled) {
        const result = await conn.query(soql, {
            scanAll: true,
            autoFetch: true,
            maxFetch: 10_000_000
        });
        rows += result.records.length;
    }
    return rows;
}

/** Sends each notification of the plan in a request of its own. */
async function sendNotifications(conn: Connection, plan: WritePlan): Promise<number> {
    const notifications = plan.notifications.map((planned) => planned.notification);
    if (notifications.length === 0) {
        return 0;
    }
    const types = await conn.query<{ Id: string }>(
        "SELECT Id FROM CustomNotificationType WHERE DeveloperName = 'SLA_Alert' LIMIT 1"
    );
    const typeId = types.records[0]?.Id;
    if (typeId === undefined) {
        throw new Error('The custom notification type SLA_Alert was not found; deploy force-app.');
    }
    for (const notification of notifications) {
        await conn.requestPost(
            `/services/data/v${conn.version}/actions/standard/customNotificationAction`,
            {
                inputs: [
                    {
                        customNotifTypeId: typeId,
                        recipientIds: notification.recipientIds,
                        title: notification.title.slice(0, 250),
                        body: notification.body.slice(0, 750),
                        targetId: notification.targetId
                    }
                ]
            }
        );
    }
    return notifications.length;
}

/**
 * Runs the baseline against `org` (a copy of the worker's org as it was before the
 * measured cycle, with the same changes). Throws when a write fails, because then the
 * two would no longer make the same writes.
 */
export async function runNaiveBaseline(org: LocalOrg, input: BaselineInput): Promise<BaselineRun> {
    const session = await connectTo(org);
    session.beginCycle();
    const { conn } = session;
    await settleSockets();
    const finishCount = startCount(org);
    const recordsRead = await readChanges(conn, input.polled);
    const writeStart = new Date();
    const replay = new Replay(conn, input.clockIds);
    const { plan } = input;
    for (const update of plan.updates) {
        await replay.update(update.object, update.id, update.fields);
    }
    for (const clock of plan.newClocks) {
        await replay.upsert(clock);
    }
    for (const task of plan.tasks) {
        await replay.insertTask(task.fields, task.clockKey);
    }
    for (const outcome of [...plan.outcomes, ...plan.transitions]) {
        await replay.upsert(outcome);
    }
    const notificationsSent = await sendNotifications(conn, plan);
    const counted = finishCount();
    const calls = { client: session.meter.snapshot().cycleCalls, ...counted };
    logger.info('Baseline finished', { calls: calls.client, written: replay.written });
    return { calls, recordsRead, recordsWritten: replay.written, notificationsSent, writeStart };
}

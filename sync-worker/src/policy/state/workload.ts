import type { User } from '../../schema/records';

/** Open clocks of a user and the start of the latest clock or assignment given to them. */
interface Load {
    open: number;
    last: number;
    version: number;
}

interface QueueEntry {
    readonly open: number;
    readonly last: number;
    readonly id: string;
    readonly version: number;
}

/** Fewest open clocks first, then the longest since the last assignment, then the smallest Id. */
function before(a: QueueEntry, b: QueueEntry): boolean {
    if (a.open !== b.open) {
        return a.open < b.open;
    }
    if (a.last !== b.last) {
        return a.last < b.last;
    }
    return a.id < b.id;
}

/**
 * Min-heap of a team's members by workload. A change of a member's load pushes a fresh
 * entry and leaves the old one stale. Stale entries are dropped when they reach the top,
 * so picking the next member costs O(log n) instead of a scan of the team.
 */
class TeamQueue {
    private heap: QueueEntry[] = [];

    constructor(
        readonly members: ReadonlySet<string>,
        private readonly workload: Workload
    ) {
        for (const id of members) {
            this.push(id);
        }
    }

    push(id: string): void {
        const load = this.workload.loadOf(id);
        this.heap.push({ open: load.open, last: load.last, id, version: load.version });
        this.siftUp(this.heap.length - 1);
        if (this.heap.length > 8 * this.members.size + 64) {
            this.rebuild();
        }
    }

    /** Returns the member with the least workload, or null for an empty team. */
    best(): string | null {
        for (;;) {
            const top = this.heap[0];
            if (top === undefined) {
                return null;
            }
            if (top.version === this.workload.loadOf(top.id).version) {
                return top.id;
            }
            this.pop();
        }
    }

    private rebuild(): void {
        this.heap = [];
        for (const id of this.members) {
            const load = this.workload.loadOf(id);
            this.heap.push({ open: load.open, last: load.last, id, version: load.version });
            this.siftUp(this.heap.length - 1);
        }
    }

    private pop(): void {
        const last = this.heap.pop();
        if (last !== undefined && this.heap.length > 0) {
            this.heap[0] = last;
            this.siftDown(0);
        }
    }

    private siftUp(start: number): void {
        let at = start;
        while (at > 0) {
            const parent = (at - 1) >> 1;
            const child = this.heap[at];
            const above = this.heap[parent];
            if (child === undefined || above === undefined || !before(child, above)) {
                return;
            }
            this.heap[at] = above;
            this.heap[parent] = child;
            at = parent;
        }
    }

    private siftDown(start: number): void {
        let at = start;
        for (;;) {
            let smallest = at;
            for (const child of [2 * at + 1, 2 * at + 2]) {
                const candidate = this.heap[child];
                const current = this.heap[smallest];
                if (
                    candidate !== undefined &&
                    current !== undefined &&
                    before(candidate, current)
                ) {
                    smallest = child;
                }
            }
            if (smallest === at) {
                return;
            }
            const moved = this.heap[at];
            const other = this.heap[smallest];
            if (moved === undefined || other === undefined) {
                return;
            }
            this.heap[at] = other;
            this.heap[smallest] = moved;
            at = smallest;
        }
    }
}

/**
 * Workload of every user: open clocks and the latest assignment. Assignment picks the
 * user with the fewest open clocks and rotates ties by the oldest last assignment, all
 * derived from the org's records, so no state lives outside Salesforce.
 */
export class Workload {
    private readonly loads = new Map<string, Load>();
    private readonly queues = new Map<string, TeamQueue>();
    private readonly queuesOfUser = new Map<string, TeamQueue[]>();

    loadOf(userId: string): Load {
        let load = this.loads.get(userId);
        if (load === undefined) {
            load = { open: 0, last: Number.NEGATIVE_INFINITY, version: 0 };
            this.loads.set(userId, load);
        }
        return load;
    }

    /** Records a change of open clocks and, with `startedAt`, a new assignment. */
    change(userId: string, openDelta: number, startedAt?: number): void {
        const load = this.loadOf(userId);
        load.open += openDelta;
        if (startedAt !== undefined && startedAt > load.last) {
            load.last = startedAt;
        }
        load.version += 1;
        for (const queue of this.queuesOfUser.get(userId) ?? []) {
            queue.push(userId);
        }
    }

    /** Returns the least loaded of a fixed group of users, kept in a heap under `name`. */
    best(name: string, users: readonly User[]): string | null {
        let queue = this.queues.get(name);
        if (queue === undefined) {
            const members = new Set(users.filter((user) => user.IsActive).map((user) => user.Id));
            queue = new TeamQueue(members, this);
            this.queues.set(name, queue);
            for (const id of members) {
                this.queuesOfUser.set(id, [...(this.queuesOfUser.get(id) ?? []), queue]);
            }
        }
        return queue.best();
    }

    /** Returns the least loaded active user of a short list, skipping `excludeId`. */
    bestAmong(users: readonly User[], excludeId?: string): User | null {
        let best: User | null = null;
        let bestEntry: QueueEntry | null = null;
        for (const user of users) {
            if (user.Id === excludeId || !user.IsActive) {
                continue;
            }
            const load = this.loadOf(user.Id);
            const entry = { open: load.open, last: load.last, id: user.Id, version: load.version };
            if (bestEntry === null || before(entry, bestEntry)) {
                best = user;
                bestEntry = entry;
            }
        }
        return best;
    }
}

import { accountDomain, freeMailSet, leadDomain } from './matching';
import { groupBy, GroupSnapshots, type GroupedRecords, type Grouping } from './partition-records';
import { compareOrdinal } from './text';
import { isSignalColumns, type OrgSnapshot } from './snapshot';

/**
 * Partition of an org into account groups that the engine can evaluate one at a time.
 * Two records share a group when a rule of one reads the other. These links are:
 * - a lead and every account of the domain it matches by,
 * - a contact and its account, a converted lead and its contact,
 * - an activity and the person and account (or opportunity) it names,
 * - a signal and the records it names, a clock and its subjects,
 * - clocks of the same key, and a breach's clock, account and lead.
 * The groups are the connected components of those links. They are packed, in order of
 * their smallest name, into chunks of about `maxGroupSize` people and accounts. A
 * component is never split, so one larger than `maxGroupSize` makes a chunk of its own.
 */
export interface OrgPartition {
    readonly chunkCount: number;
    /** People and accounts of each chunk. */
    readonly sizes: readonly number[];
    /** The snapshot of one chunk: its records plus the org-wide ones (users, queues, calendar). */
    snapshotOf(chunk: number): OrgSnapshot;
}

/** Start of a `Breach_Key__c`, followed by the key of the breached clock. */
const BREACH_PREFIX = 'Breach:';

/** Union-find over record Ids, domains and clock keys, with path halving and union by size. */
class Links {
    private readonly nodes = new Map<string, number>();
    readonly names: string[] = [];
    private readonly parent: number[] = [];
    private readonly size: number[] = [];

    node(name: string): number {
        let node = this.nodes.get(name);
        if (node === undefined) {
            node = this.names.length;
            this.nodes.set(name, node);
            this.names.push(name);
            this.parent.push(node);
            this.size.push(1);
        }
        return node;
    }

    find(start: number): number {
        let node = start;
        for (;;) {
            const up = this.parent[node] ?? node;
            if (up === node) {
                return node;
            }
            const grand = this.parent[up] ?? up;
            this.parent[node] = grand;
            node = grand;
        }
    }

    /** Links every non-null name together; returns the node of the first, or -1 for none. */
    link(...names: (string | null)[]): number {
        let first = -1;
        for (const name of names) {
            if (name === null) {
                continue;
            }
            const node = this.node(name);
            if (first < 0) {
                first = node;
            } else {
                this.union(first, node);
            }
        }
        return first;
    }

    /** Links two nodes. */
    union(a: number, b: number): void {
        let rootA = this.find(a);
        let rootB = this.find(b);
        if (rootA === rootB) {
            return;
        }
        if ((this.size[rootA] ?? 0) < (this.size[rootB] ?? 0)) {
            [rootA, rootB] = [rootB, rootA];
        }
        this.parent[rootB] = rootA;
        this.size[rootA] = (this.size[rootA] ?? 0) + (this.size[rootB] ?? 0);
    }
}

/** The node each record of the snapshot hangs on (-1 for a record that names nothing). */
interface RecordNodes {
    readonly leads: Int32Array;
    readonly contacts: Int32Array;
    readonly accounts: Int32Array;
    readonly opportunities: Int32Array;
    readonly tasks: Int32Array;
    readonly events: Int32Array;
    readonly campaignMembers: Int32Array;
    readonly clocks: Int32Array;
    /** Per signal record, or per distinct Id of signal columns (`refs`). */
    readonly signals: Int32Array;
}

function nodesOf<T>(records: readonly T[], nodeOf: (record: T) => number): Int32Array {
    const nodes = new Int32Array(records.length);
    records.forEach((record, at) => {
        nodes[at] = nodeOf(record);
    });
    return nodes;
}

/** Links the records of the snapshot as the rules read them; see `OrgPartition`. */
function linkRecords(
    snapshot: OrgSnapshot,
    freeMailDomains: readonly string[]
): {
    links: Links;
    nodes: RecordNodes;
} {
    const links = new Links();
    const freeMail = freeMailSet(freeMailDomains);
    const leads = nodesOf(snapshot.leads, (lead) => {
        const isPerson = !lead.IsConverted && !lead.IsDeleted;
        const domain = isPerson ? leadDomain(lead, freeMail) : null;
        return links.link(lead.Id, lead.ConvertedContactId, domain);
    });
    const contacts = nodesOf(snapshot.contacts, (contact) =>
        links.link(contact.Id, contact.AccountId)
    );
    const accounts = nodesOf(snapshot.accounts, (account) =>
        links.link(account.Id, accountDomain(account, freeMail))
    );
    const opportunities = nodesOf(snapshot.opportunities, (opportunity) =>
        links.link(opportunity.Id, opportunity.AccountId)
    );
    // An activity's WhatId matters only when it is an account or an opportunity.
    const accountIds = new Set(snapshot.accounts.map((account) => account.Id));
    const opportunityIds = new Set(snapshot.opportunities.map((opportunity) => opportunity.Id));
    const activityNode = (record: {
        WhoId: string | null;
        WhatId: string | null;
        AccountId: string | null;
    }): number => {
        const what = record.WhatId;
        const known = what !== null && (accountIds.has(what) || opportunityIds.has(what));
        return links.link(record.WhoId, record.AccountId, known ? what : null);
    };
    const signals = isSignalColumns(snapshot.signals)
        ? nodesOf(snapshot.signals.refs, (id) => links.node(id))
        : nodesOf(snapshot.signals, (signal) =>
              links.link(signal.Lead__c, signal.Contact__c, signal.Account__c)
          );
    if (isSignalColumns(snapshot.signals)) {
        const { lead, contact, account, length } = snapshot.signals;
        for (let row = 0; row < length; row++) {
            const first = firstRef(lead[row], contact[row], account[row]);
            const contactRef = contact[row] ?? -1;
            const accountRef = account[row] ?? -1;
            if (contactRef >= 0 && contactRef !== first) {
                links.union(signals[first] ?? 0, signals[contactRef] ?? 0);
            }
            if (accountRef >= 0 && accountRef !== first) {
                links.union(signals[first] ?? 0, signals[accountRef] ?? 0);
            }
        }
    }
    // Breaches stay whole in the ledger, but an account's breach counts read the
    // breach's clock, so the clock joins the breach's account and lead.
    for (const breach of snapshot.breaches) {
        const key = breach.Breach_Key__c;
        const clockKey =
            key?.startsWith(BREACH_PREFIX) === true ? key.slice(BREACH_PREFIX.length) : null;
        links.link(clockKey, breach.Account__c, breach.Lead__c);
    }
    return {
        links,
        nodes: {
            leads,
            contacts,
            accounts,
            opportunities,
            tasks: nodesOf(snapshot.tasks, activityNode),
            events: nodesOf(snapshot.events, activityNode),
            campaignMembers: nodesOf(snapshot.campaignMembers, (member) =>
                links.link(member.ContactId, member.LeadId)
            ),
            clocks: nodesOf(snapshot.clocks, (clock) =>
                links.link(clock.Clock_Key__c, clock.Lead__c, clock.Contact__c, clock.Account__c)
            ),
            signals
        }
    };
}

/** People and accounts of each component, by root node, as the engine counts them. */
function componentSizes(snapshot: OrgSnapshot, rootOf: Int32Array, nodes: RecordNodes): Int32Array {
    const sizes = new Int32Array(rootOf.length);
    const add = (node: number): void => {
        const root = rootOf[node] ?? 0;
        sizes[root] = (sizes[root] ?? 0) + 1;
    };
    snapshot.leads.forEach((lead, at) => {
        if (!lead.IsConverted && !lead.IsDeleted) {
            add(nodes.leads[at] ?? 0);
        }
    });
    snapshot.contacts.forEach((contact, at) => {
        if (!contact.IsDeleted) {
            add(nodes.contacts[at] ?? 0);
        }
    });
    nodes.accounts.forEach(add);
    return sizes;
}

/**
 * Chunk of every node: the components in order of their smallest name, packed up to
 * `maxGroupSize` people and accounts. Returns the chunk of each node and the size of
 * each chunk.
 */
function packComponents(
    links: Links,
    rootOf: Int32Array,
    sizes: Int32Array,
    maxGroupSize: number
): { chunkOfNode: Int32Array; chunkSizes: number[] } {
    const { names } = links;
    const smallest = new Int32Array(rootOf.length).fill(-1);
    rootOf.forEach((root, node) => {
        const known = smallest[root] ?? -1;
        if (known < 0 || compareOrdinal(names[node] ?? '', names[known] ?? '') < 0) {
            smallest[root] = node;
        }
    });
    const roots: number[] = [];
    rootOf.forEach((root, node) => {
        if (root === node) {
            roots.push(root);
        }
    });
    const nameOf = (root: number): string => names[smallest[root] ?? 0] ?? '';
    roots.sort((a, b) => compareOrdinal(nameOf(a), nameOf(b)));
    const chunkOfRoot = new Int32Array(rootOf.length);
    const chunkSizes: number[] = [];
    for (const root of roots) {
        const size = sizes[root] ?? 0;
        const last = chunkSizes.length - 1;
        if (last >= 0 && (chunkSizes[last] ?? 0) + size <= maxGroupSize) {
            chunkSizes[last] = (chunkSizes[last] ?? 0) + size;
        } else {
            chunkSizes.push(size);
        }
        chunkOfRoot[root] = chunkSizes.length - 1;
    }
    const chunkOfNode = rootOf.map((root) => chunkOfRoot[root] ?? 0);
    return { chunkOfNode, chunkSizes };
}

/** Groups every partitioned record list by chunk and returns them with the size of each chunk. */
function groupRecords(
    snapshot: OrgSnapshot,
    freeMailDomains: readonly string[],
    maxGroupSize: number
): { grouped: GroupedRecords; chunkSizes: number[] } {
    const { links, nodes } = linkRecords(snapshot, freeMailDomains);
    const rootOf = Int32Array.from(links.names, (_, node) => links.find(node));
    const { chunkOfNode, chunkSizes } = packComponents(
        links,
        rootOf,
        componentSizes(snapshot, rootOf, nodes),
        maxGroupSize
    );
    const chunkCount = Math.max(1, chunkSizes.length);
    const chunkOf = (node: number): number => (node < 0 ? 0 : (chunkOfNode[node] ?? 0));
    const by = (recordNodes: Int32Array) =>
        groupBy(recordNodes.length, (at) => chunkOf(recordNodes[at] ?? -1), chunkCount);
    const grouped: GroupedRecords = {
        leads: by(nodes.leads),
        contacts: by(nodes.contacts),
        accounts: by(nodes.accounts),
        opportunities: by(nodes.opportunities),
        tasks: by(nodes.tasks),
        events: by(nodes.events),
        campaignMembers: by(nodes.campaignMembers),
        clocks: by(nodes.clocks),
        signals: signalGroups(snapshot, nodes.signals, chunkOf, chunkCount)
    };
    return { grouped, chunkSizes: chunkSizes.length === 0 ? [0] : chunkSizes };
}

/**
 * Partitions an org into account groups of about `maxGroupSize` people and accounts.
 * Records that name nothing the partition links (an activity without a person or
 * account, a signal without a target) go to the first chunk, so each record is
 * evaluated exactly once.
 */
export function partitionOrg(
    snapshot: OrgSnapshot,
    freeMailDomains: readonly string[],
    maxGroupSize: number
): OrgPartition {
    // The links are dropped here: only the groupings outlive the partitioning.
    const { grouped, chunkSizes } = groupRecords(snapshot, freeMailDomains, maxGroupSize);
    const snapshots = new GroupSnapshots(snapshot, grouped);
    return {
        chunkCount: chunkSizes.length,
        sizes: chunkSizes,
        snapshotOf: (chunk) => snapshots.snapshotOf(chunk)
    };
}

/** Returns the first Id index of a signal row that is set (0 or more), or -1. */
function firstRef(
    lead: number | undefined,
    contact: number | undefined,
    account: number | undefined
): number {
    if (lead !== undefined && lead >= 0) {
        return lead;
    }
    if (contact !== undefined && contact >= 0) {
        return contact;
    }
    return account !== undefined && account >= 0 ? account : -1;
}

/** Signals by chunk: records by their own node, column rows by the first Id they name. */
function signalGroups(
    snapshot: OrgSnapshot,
    signalNodes: Int32Array,
    chunkOf: (node: number) => number,
    chunkCount: number
): Grouping {
    if (!isSignalColumns(snapshot.signals)) {
        return groupBy(signalNodes.length, (at) => chunkOf(signalNodes[at] ?? -1), chunkCount);
    }
    const chunkOfRef = Int32Array.from(signalNodes, (node) => chunkOf(node));
    const { lead, contact, account, length } = snapshot.signals;
    return groupBy(
        length,
        (row) => {
            const ref = firstRef(lead[row], contact[row], account[row]);
            return ref < 0 ? 0 : (chunkOfRef[ref] ?? 0);
        },
        chunkCount
    );
}

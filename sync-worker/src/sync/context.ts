/**
 * Context expansion: from the seeded people and accounts to every record the policy
 * needs to decide for them, taken from the mirror without an API call. A person brings
 * its account (the matched one, the lead's converted one and every account of the same
 * domain, because matching picks among them); an account brings its people (contacts,
 * matched leads, leads of its domain, leads converted into it), and so on until nothing
 * new is found, so that every account comes with all its people and every person with
 * all its candidate accounts.
 */
import type { Account, Contact, Lead } from '../schema/records';
import type { OrgMirror } from './mirror';
import type { Seeds } from './seeds';

/**
 * Rounds after which the expansion gives up. Each round adds the accounts of the people
 * found, or the people of the accounts found; ordinary orgs end within four.
 */
const MAX_EXPANSION_ROUNDS = 12;

/** The people and accounts one evaluation covers. */
export interface FocusSet {
    readonly leadIds: ReadonlySet<string>;
    readonly contactIds: ReadonlySet<string>;
    readonly accountIds: ReadonlySet<string>;
}

/**
 * Normalised domain of a website or email: lower case, without scheme, `www.`, user,
 * port or path. Null when nothing domain-like is left.
 */
export function domainOf(value: string | null): string | null {
    if (value === null) {
        return null;
    }
    const host = value
        .trim()
        .toLowerCase()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
        .replace(/^[^@/]*@/, '')
        .split(/[/?#:]/, 1)[0]
        ?.replace(/\.+$/, '')
        .replace(/^www\./, '');
    return host !== undefined && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}

function push(map: Map<string, string[]>, key: string | null, id: string): void {
    if (key === null) {
        return;
    }
    const list = map.get(key);
    if (list === undefined) {
        map.set(key, [id]);
    } else {
        list.push(id);
    }
}

/** Lookup tables from accounts to people and from domains to both. */
class PeopleIndex {
    public readonly contactsByAccount = new Map<string, string[]>();
    public readonly leadsByAccount = new Map<string, string[]>();
    public readonly leadsByDomain = new Map<string, string[]>();
    public readonly accountsByDomain = new Map<string, string[]>();

    public constructor(
        leads: readonly Lead[],
        contacts: readonly Contact[],
        accounts: readonly Account[],
        private readonly freeMail: ReadonlySet<string>
    ) {
        for (const contact of contacts) {
            push(this.contactsByAccount, contact.AccountId, contact.Id);
        }
        for (const lead of leads) {
            push(this.leadsByAccount, lead.Matched_Account__c, lead.Id);
            push(this.leadsByAccount, lead.ConvertedAccountId, lead.Id);
            for (const domain of this.domainsOfLead(lead)) {
                push(this.leadsByDomain, domain, lead.Id);
            }
        }
        for (const account of accounts) {
            push(this.accountsByDomain, this.usable(domainOf(account.Website)), account.Id);
        }
    }

    /** Email and website domains of a lead that matching may use. */
    public domainsOfLead(lead: Lead): string[] {
        const domains = [domainOf(lead.Email), domainOf(lead.Website)];
        return domains.filter((domain): domain is string => this.usable(domain) !== null);
    }

    public usable(domain: string | null): string | null {
        return domain === null || this.freeMail.has(domain) ? null : domain;
    }
}

/**
 * Expands seeds to the people and accounts one evaluation covers, running the closure
 * to its end. Returns null when it has not ended after `MAX_EXPANSION_ROUNDS` rounds (a
 * chain of shared domains): the caller then evaluates the whole org, which is always
 * right, instead of a part whose people would miss their accounts.
 */
export function expandFocus(
    mirror: OrgMirror,
    seeds: Seeds,
    freeMailDomains: readonly string[]
): FocusSet | null {
    const index = new PeopleIndex(
        mirror.list('Lead'),
        mirror.list('Contact'),
        mirror.list('Account'),
        new Set(freeMailDomains)
    );
    const leadIds = new Set<string>();
    const contactIds = new Set<string>();
    const accountIds = new Set<string>();
    let people = [...seeds.people];
    let accounts = [...seeds.accounts];
    for (let round = 0; people.length > 0 || accounts.length > 0; round += 1) {
        if (round === MAX_EXPANSION_ROUNDS) {
            return null;
        }
        const nextPeople: string[] = [];
        const nextAccounts: string[] = [];
        for (const id of people) {
            const lead = mirror.get('Lead', id);
            const contact = lead === undefined ? mirror.get('Contact', id) : undefined;
            if (lead !== undefined && !leadIds.has(id)) {
                leadIds.add(id);
                for (const accountId of [lead.Matched_Account__c, lead.ConvertedAccountId]) {
                    if (accountId !== null) {
                        nextAccounts.push(accountId);
                    }
                }
                for (const domain of index.domainsOfLead(lead)) {
                    nextAccounts.push(...(index.accountsByDomain.get(domain) ?? []));
                }
                if (lead.ConvertedContactId !== null) {
                    nextPeople.push(lead.ConvertedContactId);
                }
            } else if (contact !== undefined && !contactIds.has(id)) {
                contactIds.add(id);
                if (contact.AccountId !== null) {
                    nextAccounts.push(contact.AccountId);
                }
            }
        }
        for (const id of accounts) {
            const account = mirror.get('Account', id);
            if (account === undefined || accountIds.has(id)) {
                continue;
            }
            accountIds.add(id);
            const domain = index.usable(domainOf(account.Website));
            nextPeople.push(
                ...(index.contactsByAccount.get(id) ?? []),
                ...(index.leadsByAccount.get(id) ?? []),
                ...(domain === null ? [] : (index.leadsByDomain.get(domain) ?? []))
            );
        }
        people = nextPeople.filter((id) => !leadIds.has(id) && !contactIds.has(id));
        accounts = nextAccounts.filter((id) => !accountIds.has(id));
    }
    return { leadIds, contactIds, accountIds };
}

import type { Account, Lead } from '../schema/records';
import type { SnapshotIndex } from './snapshot-index';
import { compareOrdinal } from './text';

/**
 * Lead-to-account matching: a lead belongs to the account whose website domain equals
 * the lead's email domain (or, without an email, its website domain).
 */

/**
 * Normalises a website or an email domain: lower case, no scheme, no `www.`, no port,
 * path, query or trailing dot. Returns null when nothing domain-like is left.
 */
export function normaliseDomain(value: string | null): string | null {
    if (value === null) {
        return null;
    }
    let text = value.trim().toLowerCase();
    text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
    text = text.replace(/^[^@/]*@/, '');
    text = text.split(/[/?#]/, 1)[0] ?? '';
    text = text.replace(/:\d*$/, '').replace(/\.+$/, '');
    text = text.replace(/^www\./, '');
    return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(text) ? text : null;
}

/** Domain of an email address, normalised; null when the address has none. */
export function emailDomain(email: string | null): string | null {
    if (email === null) {
        return null;
    }
    const at = email.lastIndexOf('@');
    return at < 0 ? null : normaliseDomain(email.slice(at + 1));
}

/**
 * The domain a lead is matched by: its email's, or its website's when the lead has no
 * email or a free-mail one. Null when neither gives a domain that may match.
 */
export function leadDomain(
    lead: Pick<Lead, 'Email' | 'Website'>,
    freeMail: ReadonlySet<string>
): string | null {
    const fromEmail = emailDomain(lead.Email);
    if (fromEmail !== null && !freeMail.has(fromEmail)) {
        return fromEmail;
    }
    const fromWebsite = normaliseDomain(lead.Website);
    return fromWebsite !== null && !freeMail.has(fromWebsite) ? fromWebsite : null;
}

/**
 * Orders candidate accounts for one domain: most contacts first, then the oldest
 * (`CreatedDate`), then the smallest Id so that the choice never depends on input order.
 */
function compareCandidates(index: SnapshotIndex) {
    const contactsOf = (account: Account): number =>
        index.contactsByAccount.get(account.Id)?.length ?? 0;
    return (a: Account, b: Account): number => {
        const byContacts = contactsOf(b) - contactsOf(a);
        if (byContacts !== 0) {
            return byContacts;
        }
        const aCreated = a.CreatedDate?.getTime() ?? Number.POSITIVE_INFINITY;
        const bCreated = b.CreatedDate?.getTime() ?? Number.POSITIVE_INFINITY;
        if (aCreated !== bCreated) {
            return aCreated < bCreated ? -1 : 1;
        }
        return compareOrdinal(a.Id, b.Id);
    };
}

/** The policy's free-mail domains in the lower case that matching compares. */
export function freeMailSet(freeMailDomains: readonly string[]): ReadonlySet<string> {
    return new Set(freeMailDomains.map((domain) => domain.toLowerCase()));
}

/**
 * The domain an account is matched by, or null when leads never match it (no usable
 * website, a free-mail domain, or a deleted account).
 */
export function accountDomain(
    account: Pick<Account, 'Website' | 'IsDeleted'>,
    freeMail: ReadonlySet<string>
): string | null {
    const domain = normaliseDomain(account.Website);
    return domain === null || freeMail.has(domain) || account.IsDeleted ? null : domain;
}

/** Matches leads to accounts by domain, skipping free-mail domains. */
export class AccountMatcher {
    private readonly byDomain = new Map<string, Account>();
    private readonly freeMail: ReadonlySet<string>;

    constructor(index: SnapshotIndex, freeMailDomains: readonly string[]) {
        this.freeMail = freeMailSet(freeMailDomains);
        const compare = compareCandidates(index);
        for (const account of index.accounts.values()) {
            const domain = accountDomain(account, this.freeMail);
            if (domain === null) {
                continue;
            }
            const current = this.byDomain.get(domain);
            if (current === undefined || compare(account, current) < 0) {
                this.byDomain.set(domain, account);
            }
        }
    }

    /** The matched account and the domain that matched, or null. */
    match(lead: Pick<Lead, 'Email' | 'Website'>): { account: Account; domain: string } | null {
        const domain = leadDomain(lead, this.freeMail);
        if (domain === null) {
            return null;
        }
        const account = this.byDomain.get(domain);
        return account === undefined ? null : { account, domain };
    }
}

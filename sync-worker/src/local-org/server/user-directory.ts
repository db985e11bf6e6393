/** Users of the local org for the OAuth grants, read from the store's User records. */
import type { OrgStore } from '../store';
import type { UserDirectory } from './oauth';
import type { SessionUser } from './sessions';

function quote(text: string): string {
    return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** Finds active users by username or Id with SOQL over the store. */
export class StoreUserDirectory implements UserDirectory {
    private readonly store: OrgStore;

    public constructor(store: OrgStore) {
        this.store = store;
    }

    /** Returns the active user with this username, or `undefined`. */
    public findByUsername(username: string): SessionUser | undefined {
        return this.findOne(`Username = ${quote(username)}`);
    }

    /** Returns the user with this Id; throws when it does not exist. */
    public findById(id: string): SessionUser {
        const user = this.findOne(`Id = ${quote(id)}`);
        if (user === undefined) {
            throw new Error(`The store has no active user with Id ${id}.`);
        }
        return user;
    }

    private findOne(condition: string): SessionUser | undefined {
        const result = this.store.query(
            `SELECT Id, Username FROM User WHERE IsActive = true AND ${condition} LIMIT 1`
        );
        const [record] = result.records;
        if (record === undefined) {
            return undefined;
        }
        return { userId: String(record.Id), username: String(record.Username) };
    }
}

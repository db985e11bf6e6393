/**
 * Shared set-up of the store tests: the org schema from force-app, a settable clock
 * and a silent logger.
 */
import './quiet-logs';
import path from 'node:path';
import { OrgStore, SalesforceError, type OrgStoreOptions } from '../../../src/local-org/store';
import { loadOrgSchema } from '../../../src/schema';
import type { OrgSchema } from '../../../src/schema/types';

export const FORCE_APP = path.join(__dirname, '..', '..', '..', '..', 'force-app');

let cachedSchema: OrgSchema | undefined;

/** Returns the org schema of the repository's force-app, loaded once per test file. */
export function repositorySchema(): OrgSchema {
    cachedSchema ??= loadOrgSchema(FORCE_APP);
    return cachedSchema;
}

/** A clock the test moves by hand. */
export class TestClock {
    public current: Date;

    public constructor(start = '2027-03-03T15:00:00.000Z') {
        this.current = new Date(start);
    }

    public now = (): Date => new Date(this.current.getTime());

    public advance(milliseconds: number): void {
        this.current = new Date(this.current.getTime() + milliseconds);
    }

    public set(iso: string): void {
        this.current = new Date(iso);
    }
}

/** Opens an in-memory store (unless `dataDir` is given) on the repository schema. */
export function openStore(
    clock = new TestClock(),
    options: Partial<OrgStoreOptions> = {}
): OrgStore {
    return new OrgStore({ schema: repositorySchema(), clock: clock.now, ...options });
}

/** Runs `fn` and returns the `SalesforceError` it throws; fails the test on anything else. */
export function caught(fn: () => unknown): SalesforceError {
    try {
        fn();
    } catch (error) {
        if (error instanceof SalesforceError) {
            return error;
        }
        throw error;
    }
    throw new Error('Expected the call to throw a SalesforceError.');
}

/** Runs `fn` and returns the Salesforce error code it throws. */
export function errorCodeOf(fn: () => unknown): string {
    return caught(fn).errorCode;
}

/**
 * The Id of the user the worker signs in as, which echo recognition compares with
 * `LastModifiedById`. Salesforce lists the session's identity URL
 * (`.../id/<organization Id>/<user Id>`) in the version root's resources; the JWT mode
 * also has the username. Without either, echoes are recognised by their values alone.
 */
import { z } from 'zod';
import type { ConnectionSettings } from '../config/settings';
import { getLogger } from '../logging';
import { composeSoql, isRecordId, runQueries, type RestClient } from '../salesforce';

const logger = getLogger('sync.identity');

const resourcesSchema = z.object({ identity: z.string() });

/** Returns the user Id at the end of an identity URL, or null. */
export function userIdOfIdentityUrl(url: string): string | null {
    const last = url
        .split('?')[0]
        ?.split('/')
        .filter((part) => part !== '')
        .at(-1);
    return last !== undefined && isRecordId(last) ? last : null;
}

/** Query of the user with this username; `Username` is outside the User record schema. */
export function integrationUserSoql(username: string): string {
    return composeSoql({
        object: 'User',
        fields: ['Id'],
        where: [{ field: 'Username', operator: '=', value: { text: username } }],
        extraFields: ['Username']
    });
}

/** Resolves the integration user's Id; null when the org does not tell it. */
export async function resolveIntegrationUserId(
    client: RestClient,
    connection: ConnectionSettings | null
): Promise<string | null> {
    const root = await client.send({ method: 'GET', path: '' }, { idempotent: true });
    const resources = resourcesSchema.safeParse(root.body);
    const fromIdentity = resources.success ? userIdOfIdentityUrl(resources.data.identity) : null;
    if (fromIdentity !== null) {
        return fromIdentity;
    }
    if (connection?.mode === 'jwt') {
        const soql = integrationUserSoql(connection.username);
        const { user } = await runQueries(client, {
            user: { object: 'User', soql, maxFetch: 1, includeDeleted: false }
        });
        const id = user.records[0]?.Id;
        if (id !== undefined) {
            return id;
        }
    }
    logger.warn(
        "The org did not tell the integration user's Id; the worker recognises its own writes by their values alone."
    );
    return null;
}

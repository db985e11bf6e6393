/**
 * The leads the latency benchmark creates, as a person would: signed in as the admin
 * user through jsforce over HTTP, each lead and its engagement signals in one Composite
 * request with `allOrNone`, so that no change read finds a lead without its signals. Each
 * lead follows one of three profiles that the policy hands to a rep, so every lead is
 * routed with a response clock.
 */
import { Connection } from 'jsforce';
import { z } from 'zod';

const API_VERSION = '65.0';
const HOUR_MS = 3_600_000;

/** A kind of lead, the signals that make it one, and the route the policy gives it. */
interface LeadProfile {
    readonly name: string;
    readonly leadSource: string;
    /** Signal types and their age in hours at creation. */
    readonly signals: readonly (readonly [type: string, ageHours: number])[];
    /** `Routing_Decision__c` the policy's routing tree gives this profile. */
    readonly expectedDecision: string;
}

/** The three profiles, used in turn. */
export const LEAD_PROFILES: readonly LeadProfile[] = [
    {
        // Intent about 76, above the Sales threshold of 70.
        name: 'high intent',
        leadSource: 'Web',
        signals: [
            ['Demo Request', 24],
            ['Meeting Request', 48],
            ['Intent Surge', 24],
            ['Webinar Attended', 96],
            ['Content Download', 72]
        ],
        expectedDecision: 'Sales 1h'
    },
    {
        // A lead source whose tier always goes to Sales.
        name: 'pricing page',
        leadSource: 'Pricing Page',
        signals: [['Web Visit', 2]],
        expectedDecision: 'Sales 1h'
    },
    {
        // Seven content interactions (above 5) with intent far below 70: an SDR's lead.
        name: 'engaged',
        leadSource: 'Webinar',
        signals: [
            ['Web Visit', 1],
            ['Web Visit', 20],
            ['Web Visit', 50],
            ['Email Click', 30],
            ['Email Click', 80],
            ['Content Download', 100],
            ['Webinar Attended', 150]
        ],
        expectedDecision: 'SDR 24h'
    }
];

/** Profile of lead number `index`: the profiles in turn. */
export function profileOf(index: number): LeadProfile {
    const profile = LEAD_PROFILES[index % LEAD_PROFILES.length];
    if (profile === undefined) {
        throw new Error('No lead profile is defined.');
    }
    return profile;
}

const compositeResponseSchema = z.object({
    compositeResponse: z.array(
        z.object({
            referenceId: z.string(),
            httpStatusCode: z.number(),
            body: z.unknown()
        })
    )
});

const createdSchema = z.object({ id: z.string() });

/** Signs in as `username` with the OAuth 2.0 username-password flow. */
export async function connectAsPerson(
    instanceUrl: string,
    client: { clientId: string; clientSecret: string },
    username: string,
    password: string
): Promise<Connection> {
    const conn = new Connection({
        oauth2: { loginUrl: instanceUrl, ...client },
        version: API_VERSION
    });
    await conn.loginByOAuth2(username, password);
    return conn;
}

/**
 * Creates lead number `index` of `run` with its signals in one Composite request and
 * returns its Id. Each lead has its own email domain, so it joins no account.
 */
export async function createLead(conn: Connection, run: string, index: number): Promise<string> {
    const profile = profileOf(index);
    const base = `/services/data/v${API_VERSION}/sobjects`;
    const now = Date.now();
    const compositeRequest = [
        {
            method: 'POST',
            url: `${base}/Lead`,
            referenceId: 'lead',
            body: {
                FirstName: 'Latency',
                LastName: `Lead ${run} ${index}`,
                Company: `Latency ${run} ${index}`,
                Email: `lead${index}@latency-${run}-${index}.example`,
                LeadSource: profile.leadSource,
                Status: 'Open - Not Contacted'
            }
        },
        ...profile.signals.map(([type, ageHours], at) => ({
            method: 'POST',
            url: `${base}/Engagement_Signal__c`,
            referenceId: `signal${at}`,
            body: {
                Lead__c: '@{lead.id}',
                Type__c: type,
                Occurred_At__c: new Date(now - ageHours * HOUR_MS).toISOString(),
                External_Id__c: `latency-${run}-${index}-${at}`
            }
        }))
    ];
    const response = compositeResponseSchema.parse(
        await conn.requestPost(`/services/data/v${API_VERSION}/composite`, {
            allOrNone: true,
            compositeRequest
        })
    );
    const failed = response.compositeResponse.find((entry) => entry.httpStatusCode >= 300);
    if (failed !== undefined) {
        throw new Error(
            `Creating lead ${index} failed at ${failed.referenceId}: ${JSON.stringify(failed.body)}`
        );
    }
    const lead = response.compositeResponse.find((entry) => entry.referenceId === 'lead');
    return createdSchema.parse(lead?.body).id;
}

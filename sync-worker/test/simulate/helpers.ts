/**
 * A known history for the replay tests: a sales team and three hot leads of one rep,
 * written into a local org at their own times. The rep calls two of them back after 45
 * and 40 minutes. Under the default one-hour Sales window both calls are in time. Under
 * a 30-minute window all three leads breach and the escalation climbs to reassignment.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeSource } from '../../src/report';
import { simulate, type SimulationResult } from '../../src/simulate';
import { Fixture, type Team } from '../sync/fixtures';
import { startSyncOrg, type TestOrg } from '../sync/helpers';

/** The replayed window: Monday 07:00 to Wednesday 07:00 in New York (the local org's zone; 24 x 7 business hours). */
export const FROM = '2024-03-04T12:00:00.000Z';
export const TO = '2024-03-06T12:00:00.000Z';

/** Creation times of the three leads, and when the rep called the first and the third. */
export const LEAD_A_AT = new Date('2024-03-04T14:00:00.000Z');
export const LEAD_B_AT = new Date('2024-03-04T16:00:00.000Z');
export const LEAD_C_AT = new Date('2024-03-04T18:00:00.000Z');
export const ANSWER_A_AT = new Date('2024-03-04T14:45:00.000Z');
export const ANSWER_C_AT = new Date('2024-03-04T18:40:00.000Z');

/** Signals worth 30 + 20 + 15 + 12 = 77 intent points when fresh: above 70, not above 90. */
const HOT_SIGNALS = ['Demo Request', 'Meeting Request', 'Intent Surge', 'Competitor Research'];

/** The org of the known history and the Ids the tests check. */
export interface KnownHistory {
    readonly testOrg: TestOrg;
    readonly team: Team;
    readonly leads: { readonly a: string; readonly b: string; readonly c: string };
    close(): Promise<void>;
}

/** Writes the known history into a new local org, each record at its own time. */
export async function startKnownHistory(): Promise<KnownHistory> {
    let current = new Date('2024-03-01T12:00:00.000Z');
    const testOrg = await startSyncOrg({ clock: () => current });
    const fixture = new Fixture(testOrg);
    const team = fixture.team();
    const rep = team.salesReps[0];
    const hotLead = (name: string, at: Date): string => {
        current = at;
        const id = fixture.lead(`${name}@${name}.example`, { LastName: name, OwnerId: rep });
        HOT_SIGNALS.forEach((type) => fixture.signal(id, type, at));
        return id;
    };
    // In time order: the store never stamps a record earlier than the one before it.
    const a = hotLead('Avery', LEAD_A_AT);
    current = ANSWER_A_AT;
    fixture.completedCall(rep, a);
    const b = hotLead('Blake', LEAD_B_AT);
    const c = hotLead('Casey', LEAD_C_AT);
    current = ANSWER_C_AT;
    fixture.completedCall(rep, c);
    // Later reads and the replay's own clock are in the present.
    current = new Date('2024-03-08T12:00:00.000Z');
    return { testOrg, team, leads: { a, b, c }, close: () => testOrg.close() };
}

/** A temporary folder for policy files, and a function that removes it. */
export function policyFolder(): { write(name: string, content: unknown): string; remove(): void } {
    const folder = mkdtempSync(join(tmpdir(), 'lead-sla-simulate-'));
    return {
        write: (name, content) => {
            const file = join(folder, name);
            writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
            return file;
        },
        remove: () => {
            rmSync(folder, { recursive: true, force: true });
        }
    };
}

/** Replays the known history's window under the org's policy and the policy in `policyFile`. */
export function simulateKnownHistory(
    history: KnownHistory,
    policyFile: string
): Promise<SimulationResult> {
    return simulate({
        source: storeSource(history.testOrg.org.store, 'the test org'),
        policyFile,
        currentPolicyFile: null,
        from: FROM,
        to: TO,
        now: new Date('2024-03-08T12:00:00.000Z')
    });
}

/** The differences as `category change subject` lines, for exact comparisons. */
export function differenceLines(result: SimulationResult): string[] {
    return result.differences.map(
        (difference) => `${difference.category} ${difference.change} ${difference.subject.id}`
    );
}

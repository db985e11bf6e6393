/**
 * The org side of the crash harness: one database seeded with the sample org, and per
 * episode a local org on a copy of it with a kill proxy in front and a journal folder
 * for the worker. The org's clock shows the time of the episode's current stage.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateSampleOrg, loadSampleOrg } from '../../../scripts/sample-org';
import { startLocalOrg, type LocalOrg } from '../../src/local-org';
import type { OrgSchema } from '../../src/schema';
import { KillProxy } from './kill-proxy';

/** Token of the harness's orgs; it never expires. */
const ACCESS_TOKEN = 'crash-harness-token-never-expires';

/** The org, proxy and journal folder of one episode. */
export interface EpisodeRig {
    readonly org: LocalOrg;
    readonly proxy: KillProxy;
    /** Environment of the worker: the proxy as its org, the token and its journal folder. */
    readonly env: Readonly<Record<string, string>>;
    readonly journalDir: string;
    /** Index of the stage whose time the org's clock shows. */
    stage: number;
}

/** Creates the seeded database in `folder` with the org's clock at `now`. */
export async function seedDatabase(
    folder: string,
    schema: OrgSchema,
    sample: { readonly seed: number; readonly now: string }
): Promise<void> {
    const org = await startLocalOrg({
        dataDir: folder,
        schema,
        accessToken: ACCESS_TOKEN,
        clock: () => new Date(sample.now),
        seedData: (store) => {
            loadSampleOrg(
                store,
                generateSampleOrg({ seed: sample.seed, now: sample.now, scale: 'small' })
            );
        }
    });
    await org.close();
}

/**
 * Starts an episode in `folder`: a local org on a copy of the database in `pristine`,
 * whose clock shows `stages[rig.stage]`, and a kill proxy in front of it.
 */
export async function openRig(
    folder: string,
    pristine: string,
    schema: OrgSchema,
    stages: readonly string[]
): Promise<EpisodeRig> {
    const dataDir = join(folder, 'org');
    const journalDir = join(folder, 'journal');
    mkdirSync(journalDir, { recursive: true });
    cpSync(pristine, dataDir, { recursive: true });
    const clock = { stage: 0 };
    const org = await startLocalOrg({
        dataDir,
        schema,
        accessToken: ACCESS_TOKEN,
        clock: () => new Date(stages[clock.stage] ?? stages[0] ?? Date.now())
    });
    const proxy = new KillProxy(org.instanceUrl);
    const proxyUrl = await proxy.listen();
    return {
        org,
        proxy,
        env: { SF_INSTANCE_URL: proxyUrl, SF_ACCESS_TOKEN: ACCESS_TOKEN, JOURNAL_DIR: journalDir },
        journalDir,
        get stage() {
            return clock.stage;
        },
        set stage(value: number) {
            clock.stage = value;
        }
    };
}

/** Stops the proxy and the org of an episode. */
export async function closeRig(rig: EpisodeRig): Promise<void> {
    await rig.proxy.close();
    await rig.org.close();
}

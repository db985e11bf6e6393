/**
 * End to end: `startPreview` seeds a local org with the small sample org, runs one sync
 * cycle, compiles force-app's components and serves the pages. Headless Chromium opens
 * the Lead, Account and Opportunity record pages and the managers' scorecard, and each
 * card is checked against the org's records read with SOQL. A screenshot of every page
 * is saved under artifacts/preview/.
 */
import '../../sync-worker/test/local-org/store/quiet-logs';
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import type { Connection } from 'jsforce';
import type { Browser, Locator, Page } from 'playwright-core';
import { metadataRoot } from '../../sync-worker/src/schema';
import { resolveForceAppDir } from '../../sync-worker/src/local-org/force-app-location';
import { startPreview, type Preview } from '../src';
import { readLabels } from '../src/force-app';
import { collectPageErrors, launchChromium } from './browser';
import { countdownMismatch, parseCountdown } from './countdown';
import {
    clockStatusAt,
    committeeOf,
    filledMeddpicc,
    MEDDPICC_FIELDS,
    openClocksOf,
    openOpportunityNames,
    pickAccountWithCommittee,
    pickLeadWithClock,
    pickOpportunity,
    quarterBreaches,
    recordSla,
    teamScorecards
} from './org-expectations';

// Each page waits for its cards, which can take several seconds while other suites run.
jest.setTimeout(60_000);

const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', 'artifacts', 'preview');
const LABELS = readLabels(metadataRoot(resolveForceAppDir()));

function label(name: string): string {
    const value = LABELS.get(name);
    if (value === undefined) {
        throw new Error(`force-app has no custom label ${name}.`);
    }
    return value;
}

function fill(template: string, ...values: (string | number)[]): string {
    return template.replace(/\{(\d+)\}/g, (placeholder, index: string) =>
        String(values[Number(index)] ?? placeholder)
    );
}

const STATUS_LABELS: Readonly<Record<string, string>> = {
    'On Track': label('SLA_Status_On_Track'),
    Warning: label('SLA_Status_Warning'),
    Breached: label('SLA_Status_Breached'),
    Met: label('SLA_Status_Met')
};

const COUNTDOWN_LABELS = {
    dueIn: label('SLA_Status_Due_In'),
    breachedAgo: label('SLA_Status_Breached_Ago'),
    days: label('SLA_Time_Days'),
    hours: label('SLA_Time_Hours'),
    minutes: label('SLA_Time_Minutes'),
    underAMinute: label('SLA_Time_Under_A_Minute')
};

/** Values of an attribute on every element that `locator` matches, in page order. */
async function attributesOf(locator: Locator, name: string): Promise<(string | null)[]> {
    const elements = await locator.all();
    return Promise.all(elements.map((element) => element.getAttribute(name)));
}

/** A page opened in the browser, with the time span its components were created in. */
interface OpenedPage {
    readonly page: Page;
    readonly errors: string[];
    readonly openedAt: number;
}

describe('preview of the Lightning pages in headless Chromium', () => {
    let browser: Browser | undefined;
    let preview: Preview | undefined;
    let conn: Connection;

    beforeAll(async () => {
        // Chromium first: without it the suite fails at once, naming the package to install.
        browser = await launchChromium();
        preview = await startPreview({ port: 0, orgPort: 0, scale: 'small', sync: true });
        conn = preview.org.session.conn;
        mkdirSync(ARTIFACTS_DIR, { recursive: true });
    }, 90_000);

    afterAll(async () => {
        await browser?.close();
        await preview?.close();
    });

    /** Opens `pathname` and waits until `ready` is visible (the cards have their data). */
    async function open(pathname: string, ready: string): Promise<OpenedPage> {
        if (browser === undefined || preview === undefined) {
            throw new Error('The preview or the browser did not start.');
        }
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        const errors = collectPageErrors(page);
        const openedAt = Date.now();
        const response = await page.goto(`${preview.url}${pathname}`);
        expect(response?.status()).toBe(200);
        await page.locator(ready).first().waitFor({ timeout: 20_000 });
        return { page, errors, openedAt };
    }

    async function finish(opened: OpenedPage, screenshot: string): Promise<void> {
        await opened.page.screenshot({
            path: path.join(ARTIFACTS_DIR, screenshot),
            fullPage: true
        });
        await opened.page.close();
        expect(opened.errors).toEqual([]);
    }

    /** Posts JSON to a data endpoint and returns the status and the parsed reply. */
    async function postData(
        name: string,
        body: unknown
    ): Promise<{ status: number; body: unknown }> {
        const response = await fetch(`${preview?.url ?? ''}/__preview/data/${name}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body)
        });
        return { status: response.status, body: await response.json() };
    }

    /** Sends a GET with the given `Host` header, which fetch() does not allow setting. */
    function statusWithHost(pathname: string, host: string): Promise<number> {
        const url = new URL(pathname, preview?.url);
        return new Promise((resolve, reject) => {
            const outgoing = request(url, { headers: { host } }, (response) => {
                response.resume();
                resolve(response.statusCode ?? 0);
            });
            outgoing.on('error', reject);
            outgoing.end();
        });
    }

    it('serves the sync cycle result', () => {
        expect(preview?.org.syncReport?.outcome).toBe('success');
        expect(preview?.org.syncReport?.written).toBeGreaterThan(0);
    });

    it('lead page shows clocks, countdowns and badges', async () => {
        const leadId = await pickLeadWithClock(conn, new Date());
        const clocks = await openClocksOf(conn, leadId);
        const sla = await recordSla(conn, 'Lead', leadId);
        const breaches = await quarterBreaches(conn, leadId);
        const opened = await open(
            `/lightning/r/Lead/${leadId}/view`,
            'c-sla-status [data-id="clocks"]'
        );
        const { page } = opened;
        const card = page.locator('c-sla-status');
        const items = card.locator('[data-id="clock"]');
        await expect(items.count()).resolves.toBe(clocks.length);
        const types = await card.locator('[data-id="clock-type"]').allInnerTexts();
        const badges = await card.locator('[data-id="clock-status"]').allInnerTexts();
        const countdowns: string[] = [];
        for (let index = 0; index < clocks.length; index += 1) {
            countdowns.push(
                await items.nth(index).locator('[data-id="clock-countdown"]').innerText()
            );
        }
        const badgeClasses = await attributesOf(card.locator('[data-id="clock-status"]'), 'class');
        const summaryBadge = await card.locator('[data-id="record-status"]').innerText();
        const renderedTo = Date.now();

        expect(types.map((type) => type.trim())).toEqual(clocks.map((clock) => clock.type));
        // The badge stand-in puts `slds-badge` on its host, beside the card's theme class.
        for (const className of badgeClasses) {
            expect(className?.split(' ')).toContain('slds-badge');
        }
        for (const [index, clock] of clocks.entries()) {
            // The badge is worked out at render time, between opening and reading the page.
            const possible = new Set(
                [opened.openedAt, renderedTo].map(
                    (time) => STATUS_LABELS[clockStatusAt(clock, time)]
                )
            );
            expect(possible).toContain(badges[index]?.trim());
            const range = parseCountdown(countdowns[index]?.trim() ?? '', COUNTDOWN_LABELS);
            expect(
                countdownMismatch(range, clock.dueAt ?? Number.NaN, opened.openedAt, renderedTo)
            ).toBeNull();
        }
        expect(
            countdowns.some((countdown) => countdown.startsWith(fill(COUNTDOWN_LABELS.dueIn, '')))
        ).toBe(true);
        expect(summaryBadge.trim()).toBe(
            STATUS_LABELS[
                clockStatusAt(
                    { type: '', status: sla.status, dueAt: sla.dueAt, warningAt: null },
                    renderedTo
                )
            ]
        );
        await expect(card.locator('[data-id="breaches-this-quarter"]').innerText()).resolves.toBe(
            String(breaches.count)
        );
        await expect(card.locator('[data-id="escalation-level"]').innerText()).resolves.toBe(
            breaches.maxLevel === null ? label('SLA_Status_Level_None') : String(breaches.maxLevel)
        );
        await expect(page.locator('[data-id="record-name"]').innerText()).resolves.not.toBe('');
        await finish(opened, 'lead-record-page.png');
    });

    it('account page shows the buying committee', async () => {
        const accountId = await pickAccountWithCommittee(conn);
        const committee = await committeeOf(conn, accountId, Date.now());
        const opportunities = await openOpportunityNames(conn, accountId);
        const clocks = await openClocksOf(conn, accountId);
        const opened = await open(
            `/lightning/r/Account/${accountId}/view`,
            'c-buying-committee [data-id="summary"]'
        );
        const { page } = opened;
        const card = page.locator('c-buying-committee');

        await expect(card.locator('[data-id="intent"]').innerText()).resolves.toBe(
            fill(
                label('Buying_Committee_Intent_Value'),
                committee.intent,
                committee.intentThreshold
            )
        );
        await expect(card.locator('[data-id="intent-status"]').innerText()).resolves.toBe(
            label(
                committee.intent >= committee.intentThreshold
                    ? 'Buying_Committee_Meets'
                    : 'Buying_Committee_Below'
            )
        );
        await expect(card.locator('[data-id="active"]').innerText()).resolves.toBe(
            fill(
                label('Buying_Committee_Active_Value'),
                committee.active,
                committee.activeThreshold
            )
        );
        expect(committee.people.length).toBeGreaterThan(0);
        const names = await card
            .locator('[data-id="people"] tbody tr td:first-child')
            .allInnerTexts();
        expect(names.map((name) => name.trim())).toEqual(committee.people);

        const meddpicc = page.locator('c-meddpicc-completeness');
        await meddpicc.locator('[data-id="opportunities"], [data-id="empty"]').first().waitFor();
        const shown = await meddpicc.locator('[data-id="opportunity-name"]').allInnerTexts();
        expect(shown.map((name) => name.trim()).sort()).toEqual([...opportunities].sort());

        await page.locator('c-sla-status [data-id="summary"]').waitFor();
        await expect(page.locator('c-sla-status [data-id="clock"]').count()).resolves.toBe(
            clocks.length
        );
        await finish(opened, 'account-record-page.png');
    });

    it('opportunity page shows the MEDDPICC letters', async () => {
        const opportunityId = await pickOpportunity(conn);
        const filled = await filledMeddpicc(conn, opportunityId);
        const missing = MEDDPICC_FIELDS.filter((field) => !filled.includes(field));
        const opened = await open(
            `/lightning/r/Opportunity/${opportunityId}/view`,
            'c-meddpicc-completeness [data-id="letters"]'
        );
        const { page } = opened;
        const card = page.locator('c-meddpicc-completeness');
        const keysOf = (selector: string): Promise<(string | null)[]> =>
            attributesOf(card.locator(selector), 'data-key');

        await expect(keysOf('[data-id="filled-letter"]')).resolves.toEqual(filled);
        await expect(keysOf('[data-id="missing-letter"]')).resolves.toEqual(missing);
        await expect(card.locator('[data-id="percent"]').innerText()).resolves.toBe(
            fill(
                label('MEDDPICC_Percent_Complete'),
                Math.round((filled.length * 100) / MEDDPICC_FIELDS.length)
            )
        );
        await page.screenshot({
            path: path.join(ARTIFACTS_DIR, 'opportunity-record-page.png'),
            fullPage: true
        });

        // A missing letter opens the opportunity for editing, where the preview shows a notice.
        if (missing.length > 0) {
            await Promise.all([
                page.waitForURL(`**/lightning/r/Opportunity/${opportunityId}/edit`),
                card.locator('[data-id="missing-letter"] button').first().click()
            ]);
            await expect(page.locator('[data-id="notice"]').isVisible()).resolves.toBe(true);
        }
        await page.close();
        expect(opened.errors).toEqual([]);
    });

    it('scorecard page shows team months and reviews', async () => {
        const now = new Date();
        const first = new Date(now.getFullYear(), now.getMonth() - 5, 1);
        const fromPeriod = `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}`;
        const expected = await teamScorecards(conn, fromPeriod);
        const opened = await open('/lightning/n/SLA_Manager_Scorecard', 'c-sla-scorecard section');
        const card = opened.page.locator('c-sla-scorecard');

        await expect(card.locator('[data-id="team-months"] tbody tr').count()).resolves.toBe(
            expected.rows
        );
        const flagged = await card.locator('[data-id="flagged-team"]').allInnerTexts();
        expect(flagged.map((team) => team.trim()).sort()).toEqual(
            expected.flaggedManagers
                .map((name) => fill(label('SLA_Scorecard_Team_Of'), name))
                .sort()
        );
        await expect(card.locator('[data-id="reviews"] tbody tr').count()).resolves.toBe(
            expected.openReviews
        );
        await finish(opened, 'manager-scorecard-page.png');
    });

    it('graphql endpoint reports query errors', async () => {
        const reply = await postData('graphql', {
            query: '{ uiapi { query { Lead { edges { node { Bogus__c { value } } } } } } }'
        });

        expect(reply.status).toBe(200);
        expect(reply.body).toEqual({
            data: { uiapi: { query: { Lead: null } } },
            errors: [
                expect.objectContaining({
                    message: expect.stringContaining(
                        'Lead has no field or parent relationship named Bogus__c'
                    ) as unknown,
                    path: ['uiapi', 'query', 'Lead', 'edges', 'node', 'Bogus__c']
                }) as unknown
            ]
        });
    });

    it('record endpoint reports a missing record', async () => {
        const reply = await postData('record', {
            recordId: '006000000000000AAA',
            fields: ['Opportunity.Name']
        });

        expect(reply.status).toBe(404);
        expect(reply.body).toEqual({
            errorCode: 'NOT_FOUND',
            message: 'No Opportunity record has the Id 006000000000000AAA.'
        });
    });

    it('server rejects other host names', async () => {
        const status = await statusWithHost('/', 'preview.example.com');

        expect(status).toBe(421);
    });

    it('start page links every page', async () => {
        const opened = await open('/', '[data-id="sample"]');
        const objects = await attributesOf(
            opened.page.locator('[data-id="sample"]'),
            'data-object'
        );
        expect(new Set(objects)).toEqual(new Set(['Account', 'Lead', 'Opportunity']));
        await expect(opened.page.locator('[data-id="app-page"]').count()).resolves.toBe(1);
        await finish(opened, 'start-page.png');
    });
});

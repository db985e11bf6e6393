import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalOrg } from '../../src/local-org';
import {
    CustomNotificationSender,
    SalesforceUsageError,
    SlackNotifier
} from '../../src/salesforce';
import {
    captureLogs,
    connectTestSession,
    recordingClock,
    startTestOrg,
    type CapturedLog
} from './helpers';

describe('CustomNotificationSender', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        captureLogs();
        org = await startTestOrg();
    });

    afterEach(() => {
        org.faults.clear();
    });

    afterAll(async () => {
        await org.close();
    });

    it('sends SLA_Alert notifications that the org stores', async () => {
        const { session, client } = await connectTestSession(org);
        const sender = new CustomNotificationSender(client);
        const recipient = org.store.seeded.integrationUserId;
        const leadId = org.store.insert('Lead', { LastName: 'Late', Company: 'Slow Co' });
        const results = await sender.send([
            {
                recipientIds: [recipient],
                title: 'SLA breached',
                body: 'Lead Late has waited 2 hours.',
                targetId: leadId
            },
            {
                recipientIds: [recipient],
                title: 'SLA warning',
                body: 'Lead Late is due in 15 minutes.'
            }
        ]);
        expect(results.map((result) => result.sent)).toEqual([true, true]);
        const stored = org.notifications.list();
        expect(stored.map((notification) => notification.title)).toEqual([
            'SLA breached',
            'SLA warning'
        ]);
        expect(stored[0]).toMatchObject({ recipientIds: [recipient], targetId: leadId });
        expect(session.meter.snapshot().cycleCallsByResource).toEqual({ query: 1, actions: 1 });
    });

    it('looks the notification type up once per cycle', async () => {
        const { session, client } = await connectTestSession(org);
        const sender = new CustomNotificationSender(client);
        const first = await sender.typeId();
        expect(await sender.typeId()).toBe(first);
        expect(session.meter.callsThisCycle).toBe(1);
        session.beginCycle();
        expect(await sender.typeId()).toBe(first);
        expect(session.meter.callsThisCycle).toBe(1);
    });

    it('resends after a 503 but not after a dropped connection', async () => {
        const { session, client } = await connectTestSession(org);
        const sender = new CustomNotificationSender(client);
        await sender.typeId();
        const recipient = org.store.seeded.integrationUserId;
        const before = org.notifications.list().length;
        org.faults.inject({
            kind: 'status',
            status: 503,
            body: '<html>down</html>',
            contentType: 'text/html',
            match: { pathPattern: 'customNotificationAction' }
        });
        const [retried] = await sender.send([
            { recipientIds: [recipient], title: 'Retried', body: 'After a 503.' }
        ]);
        expect(retried?.sent).toBe(true);
        org.faults.inject({ kind: 'drop', match: { pathPattern: 'customNotificationAction' } });
        const [dropped] = await sender.send([
            { recipientIds: [recipient], title: 'Dropped', body: 'Outcome unknown.' }
        ]);
        expect(dropped).toMatchObject({ sent: false, outcomeUnknown: true });
        expect(org.notifications.list().length - before).toBe(1);
        expect(session.meter.snapshot().cycleCallsByResource.actions).toBe(3);
    });

    it('rejects a notification without recipients or with a bad Id', async () => {
        const { client } = await connectTestSession(org);
        const sender = new CustomNotificationSender(client);
        await expect(
            sender.send([{ recipientIds: [], title: 't', body: 'b' }])
        ).rejects.toBeInstanceOf(SalesforceUsageError);
        await expect(
            sender.send([{ recipientIds: ["005' OR 1=1"], title: 't', body: 'b' }])
        ).rejects.toThrow('is not a record Id');
    });

    it('reports a notification type missing from the org', async () => {
        const { client } = await connectTestSession(org);
        const sender = new CustomNotificationSender(client, "Missing_Type' OR DeveloperName != '");
        await expect(sender.typeId()).rejects.toThrow(
            "The custom notification type Missing_Type' OR DeveloperName != ' was not found"
        );
    });
});

describe('SlackNotifier', () => {
    let server: Server;
    let url: string;
    const received: string[] = [];
    const statuses: number[] = [];
    let logs: CapturedLog[];

    beforeAll(async () => {
        logs = captureLogs();
        server = createServer((request: IncomingMessage, response) => {
            const chunks: Buffer[] = [];
            request.on('data', (chunk: Buffer) => chunks.push(chunk));
            request.on('end', () => {
                received.push(Buffer.concat(chunks).toString('utf8'));
                response.writeHead(statuses.shift() ?? 200, { 'content-type': 'text/plain' });
                response.end('ok');
            });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/slack-test-secret-path`;
    });

    afterEach(() => {
        received.length = 0;
    });

    afterAll(async () => {
        await new Promise<void>((resolve) => {
            server.close(() => {
                resolve();
            });
        });
    });

    it('posts the message as JSON text', async () => {
        const slack = new SlackNotifier({
            webhookUrl: url,
            allowLoopbackHttp: true,
            clock: recordingClock()
        });
        expect(await slack.post('Lead Late breached its SLA')).toMatchObject({
            sent: true,
            status: 200,
            attempts: 1
        });
        expect(received.map((body) => JSON.parse(body) as unknown)).toEqual([
            { text: 'Lead Late breached its SLA' }
        ]);
    });

    it('retries a 5xx answer and gives up on a 4xx one', async () => {
        const clock = recordingClock();
        const slack = new SlackNotifier({ webhookUrl: url, allowLoopbackHttp: true, clock });
        statuses.push(503);
        expect(await slack.post('retry me')).toMatchObject({ sent: true, attempts: 2 });
        statuses.push(404);
        expect(await slack.post('no such hook')).toMatchObject({
            sent: false,
            status: 404,
            attempts: 1
        });
        expect(clock.waits).toHaveLength(1);
        expect(JSON.stringify(logs)).not.toContain('slack-test-secret-path');
    });

    it('accepts only https unless loopback http is allowed', () => {
        expect(() => new SlackNotifier({ webhookUrl: url })).toThrow(
            'The Slack webhook URL must use https; it uses http.'
        );
        expect(
            () => new SlackNotifier({ webhookUrl: 'http://10.0.0.1/hook', allowLoopbackHttp: true })
        ).toThrow('must use https');
        expect(() => new SlackNotifier({ webhookUrl: 'not a url' })).toThrow('is not a valid URL');
        expect(
            () => new SlackNotifier({ webhookUrl: 'https://hooks.slack.com/services/T/B/x' })
        ).not.toThrow();
    });
});

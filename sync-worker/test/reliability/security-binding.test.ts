/**
 * The local org and the worker's health endpoint listen on 127.0.0.1 only: the kernel's
 * socket table shows the bound address (on Linux), and connections to every other
 * address of this machine are refused. Nothing here reaches beyond the machine: the
 * addresses come from its own interfaces.
 */
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { LocalOrg } from '../../src/local-org';
import { startHealthServer, type HealthServer } from '../../src/sync/health-server';
import { SyncMetrics } from '../../src/sync/metrics';
import { captureLogs, startTestOrg } from '../salesforce/helpers';

jest.setTimeout(30_000);

type Probe = 'connected' | `failed: ${string}`;

/** Opens a TCP connection and closes it at once; reports whether it was accepted. */
function probe(host: string, port: number): Promise<Probe> {
    return new Promise((resolve) => {
        const socket = connect({ host, port });
        socket.setTimeout(2_000);
        socket.once('connect', () => {
            socket.destroy();
            resolve('connected');
        });
        socket.once('timeout', () => {
            socket.destroy();
            resolve('failed: timeout');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => {
            resolve(`failed: ${error.code ?? error.message}`);
        });
    });
}

/**
 * Addresses of this machine other than 127.0.0.1: every interface address, another
 * loopback address (the whole 127.0.0.0/8 block reaches this machine on Linux), and
 * the IPv6 loopback.
 */
function otherLocalAddresses(): string[] {
    const addresses = new Set(['127.0.0.2', '::1']);
    for (const [name, entries] of Object.entries(networkInterfaces())) {
        for (const entry of entries ?? []) {
            if (entry.address === '127.0.0.1') {
                continue;
            }
            const linkLocal = entry.family === 'IPv6' && entry.address.startsWith('fe80:');
            addresses.add(linkLocal ? `${entry.address}%${name}` : entry.address);
        }
    }
    return [...addresses];
}

/** Hexadecimal address of `/proc/net/tcp`: 127.0.0.1 reads `0100007F`. */
const LOOPBACK_HEX = '0100007F';
const LISTEN_STATE = '0A';

/** Local addresses of listening sockets on `port` in a `/proc/net/tcp*` table. */
function listeningAddresses(table: string, port: number): string[] {
    if (!existsSync(table)) {
        return [];
    }
    const portHex = port.toString(16).toUpperCase().padStart(4, '0');
    return readFileSync(table, 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((columns) => columns[3] === LISTEN_STATE && columns[1]?.endsWith(`:${portHex}`))
        .map((columns) => (columns[1] ?? '').split(':')[0] ?? '');
}

/** Checks one listening port: loopback accepts, every other address refuses. */
async function expectLoopbackOnly(port: number): Promise<void> {
    expect(await probe('127.0.0.1', port)).toBe('connected');
    if (existsSync('/proc/net/tcp')) {
        expect(listeningAddresses('/proc/net/tcp', port)).toEqual([LOOPBACK_HEX]);
        expect(listeningAddresses('/proc/net/tcp6', port)).toEqual([]);
    }
    const accepted: string[] = [];
    for (const address of otherLocalAddresses()) {
        if ((await probe(address, port)) === 'connected') {
            accepted.push(address);
        }
    }
    expect(accepted).toEqual([]);
}

describe('listening addresses', () => {
    beforeAll(() => {
        captureLogs();
    });

    describe('local org', () => {
        let org: LocalOrg;

        beforeAll(async () => {
            org = await startTestOrg();
        });

        afterAll(async () => {
            await org.close();
        });

        it('names 127.0.0.1 in its URLs', () => {
            expect(new URL(org.instanceUrl).hostname).toBe('127.0.0.1');
            expect(new URL(org.loginUrl).hostname).toBe('127.0.0.1');
        });

        it('accepts connections on 127.0.0.1 only', async () => {
            await expectLoopbackOnly(org.port);
        });

        it.each(['0.0.0.0', '::', '192.168.1.10', 'example.test'])(
            'refuses to start on host %s',
            async (host) => {
                await expect(startTestOrg({ host })).rejects.toThrow('127.0.0.1 only');
            }
        );
    });

    describe('health endpoint', () => {
        let health: HealthServer;

        beforeAll(async () => {
            health = await startHealthServer(
                { metrics: new SyncMetrics(), lastCycle: () => null },
                0
            );
        });

        afterAll(async () => {
            await health.close();
        });

        it('names 127.0.0.1 in its URL', () => {
            expect(new URL(health.url).hostname).toBe('127.0.0.1');
        });

        it('accepts connections on 127.0.0.1 only', async () => {
            await expectLoopbackOnly(health.port);
        });
    });
});

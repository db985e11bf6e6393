import { SessionStore } from '../../../src/local-org/server/sessions';

const ORG_ID = '00DLO0000000001AAA';
const USER = { userId: '005LO0000000001AAA', username: 'integration@local-org.test' };

function storeAt(clock: { now: number }, timeoutSeconds = 60): SessionStore {
    return new SessionStore({ organizationId: ORG_ID, timeoutSeconds, now: () => clock.now });
}

describe('SessionStore', () => {
    it('issues tokens that start with the 15-character org id', () => {
        const sessions = storeAt({ now: 0 });
        const session = sessions.issue(USER);
        expect(session.token.startsWith('00DLO0000000001!')).toBe(true);
        expect(session.token).toMatch(/^[A-Za-z0-9!._]+$/);
        expect(sessions.validate(session.token)?.userId).toBe(USER.userId);
    });

    it('expires a session after the idle timeout', () => {
        const clock = { now: 0 };
        const sessions = storeAt(clock, 60);
        const { token } = sessions.issue(USER);
        clock.now = 59_000;
        expect(sessions.validate(token)).toBeDefined();
        clock.now = 59_000 + 60_001;
        expect(sessions.validate(token)).toBeUndefined();
    });

    it('keeps the fixed token past timeout and expireAll', () => {
        const clock = { now: 0 };
        const sessions = storeAt(clock, 1);
        sessions.addFixedToken('fixed-token-123', USER);
        const { token } = sessions.issue(USER);
        expect(sessions.expireAll()).toBe(1);
        expect(sessions.validate(token)).toBeUndefined();
        clock.now = 10_000_000;
        expect(sessions.validate('fixed-token-123')?.username).toBe(USER.username);
    });

    it('redeems refresh tokens only for their client', () => {
        const sessions = storeAt({ now: 0 });
        const refresh = sessions.issueRefreshToken(USER, 'client-a');
        expect(sessions.redeemRefreshToken(refresh, 'client-b')).toBeUndefined();
        expect(sessions.redeemRefreshToken(refresh, 'client-a')).toEqual(USER);
        expect(sessions.revoke(refresh)).toBe(true);
        expect(sessions.redeemRefreshToken(refresh, 'client-a')).toBeUndefined();
    });
});

/**
 * OAuth sessions of the local org: access tokens with an inactivity timeout, refresh
 * tokens, and one optional fixed token for scripts that never expires. Sessions live in
 * memory only, so a restart invalidates them and clients must sign in again, as they
 * must after a Salesforce session ends.
 */
import { randomBytes } from 'node:crypto';

/** The user a session acts as. */
export interface SessionUser {
    userId: string;
    username: string;
}

/** One access token and its state. */
export interface Session extends SessionUser {
    token: string;
    /** Milliseconds since the epoch. */
    issuedAt: number;
    lastUsedAt: number;
    /** The fixed token from the settings: exempt from the timeout and from `expireAll`. */
    fixed: boolean;
}

/** Options of `SessionStore`. */
export interface SessionStoreOptions {
    /** 18-character organization Id; its 15-character form starts every token, as in Salesforce. */
    organizationId: string;
    /** Inactivity after which a session expires, in seconds. */
    timeoutSeconds: number;
    /** Time source in milliseconds since the epoch; default `Date.now`. */
    now?: () => number;
}

/** Random token text: base64url with `-` swapped for `.`, the characters Salesforce tokens use. */
function randomTokenText(bytes: number): string {
    return randomBytes(bytes).toString('base64url').replaceAll('-', '.');
}

/** Issues, validates and expires access and refresh tokens. */
export class SessionStore {
    private readonly sessions = new Map<string, Session>();
    private readonly refreshTokens = new Map<string, SessionUser & { clientId: string }>();
    private readonly now: () => number;
    private readonly tokenPrefix: string;
    private timeoutMs: number;

    public constructor(options: SessionStoreOptions) {
        this.now = options.now ?? Date.now;
        this.tokenPrefix = `${options.organizationId.slice(0, 15)}!`;
        this.timeoutMs = options.timeoutSeconds * 1000;
    }

    /** Issues a new access token for a user. */
    public issue(user: SessionUser): Session {
        const time = this.now();
        const session: Session = {
            token: `${this.tokenPrefix}AQ${randomTokenText(72)}`,
            userId: user.userId,
            username: user.username,
            issuedAt: time,
            lastUsedAt: time,
            fixed: false
        };
        this.sessions.set(session.token, session);
        return session;
    }

    /** Registers the fixed token of the settings for a user. */
    public addFixedToken(token: string, user: SessionUser): void {
        const time = this.now();
        this.sessions.set(token, { ...user, token, issuedAt: time, lastUsedAt: time, fixed: true });
    }

    /**
     * Returns the live session of a token and records the use, or `undefined` when the
     * token is unknown, revoked or idle for longer than the timeout (then it is removed).
     */
    public validate(token: string): Session | undefined {
        const session = this.sessions.get(token);
        if (session === undefined) {
            return undefined;
        }
        const time = this.now();
        // NOTE: Salesforce extends a session only once half of its timeout has passed.
        // Here every call extends it, so a session expires after a full idle timeout.
        if (!session.fixed && time - session.lastUsedAt > this.timeoutMs) {
            this.sessions.delete(token);
            return undefined;
        }
        session.lastUsedAt = time;
        return session;
    }

    /** Revokes an access or refresh token; returns false when it was unknown. */
    public revoke(token: string): boolean {
        return this.sessions.delete(token) || this.refreshTokens.delete(token);
    }

    /** Ends every session except the fixed token's; returns how many ended. */
    public expireAll(): number {
        let ended = 0;
        for (const [token, session] of this.sessions) {
            if (!session.fixed) {
                this.sessions.delete(token);
                ended += 1;
            }
        }
        return ended;
    }

    /** Changes the inactivity timeout of every session, in seconds. */
    public setTimeoutSeconds(seconds: number): void {
        this.timeoutMs = seconds * 1000;
    }

    /** Number of live sessions, the fixed token included. */
    public get size(): number {
        return this.sessions.size;
    }

    /**
     * Issues a refresh token bound to a client Id, as a web-server or user-agent flow
     * would hand one out. The grants this org serves do not return refresh tokens (the
     * JWT, password and client-credentials flows never do in Salesforce), so tests mint
     * them here.
     */
    public issueRefreshToken(user: SessionUser, clientId: string): string {
        const token = `5Aep861${randomTokenText(60)}`;
        this.refreshTokens.set(token, { ...user, clientId });
        return token;
    }

    /** Returns the user of a refresh token issued to `clientId`, or `undefined`. */
    public redeemRefreshToken(token: string, clientId: string): SessionUser | undefined {
        const entry = this.refreshTokens.get(token);
        if (entry?.clientId !== clientId) {
            return undefined;
        }
        return { userId: entry.userId, username: entry.username };
    }
}

// Who may use the bridge: the one-time token in the printed URL is exchanged,
// by the first page load that presents it, for a session cookie; after that
// only that cookie opens the page, the shim and the socket. One token, one
// session: a second browser with the same URL is refused, a reload is not.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export type PageAdmission = { kind: 'new-session'; setCookie: string } | { kind: 'session' } | { kind: 'refused'; message: string };

export class BridgeAccess {
  private tokenUsed = false;
  private session: string | null = null;

  constructor(
    private readonly token: string,
    private readonly cookieName: string,
  ) {}

  admitPage(givenToken: string | null, cookieHeader: string | undefined): PageAdmission {
    if (this.hasSession(cookieHeader)) return { kind: 'session' };
    if (!givenToken || !sameSecret(givenToken, this.token)) {
      return { kind: 'refused', message: 'token required: open the URL printed by the bridge' };
    }
    if (this.tokenUsed) {
      return { kind: 'refused', message: 'this one-time token was already used by another browser session; restart the bridge for a new URL' };
    }
    this.tokenUsed = true;
    this.session = randomBytes(32).toString('base64url');
    return { kind: 'new-session', setCookie: `${this.cookieName}=${this.session}; Path=/; HttpOnly; SameSite=Strict` };
  }

  hasSession(cookieHeader: string | undefined): boolean {
    if (this.session === null || !cookieHeader) return false;
    for (const part of cookieHeader.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === this.cookieName && sameSecret(part.slice(eq + 1).trim(), this.session)) return true;
    }
    return false;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

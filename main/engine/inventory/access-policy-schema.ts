// Who may log in (annex §7, §8): the `staff` list of the inventory — each
// person's name, the login accounts they use and the SHA256 fingerprints of
// their SSH keys, and the date they left, if they did — and per role the
// names of the people allowed on its hosts and whether sshd must ask for two
// factors. Datacentres name the log hosts their hosts must forward to.
import { z } from 'zod';

export interface StaffMember {
  name: string;
  /** Login accounts the person uses (when the file lists none: their name, if it is a login name). */
  accounts: string[];
  /** `SHA256:…` fingerprints, as `ssh-keygen -lf` prints them. */
  keys: string[];
  /** YYYY-MM-DD the person left; any key of theirs still on a host is a finding. */
  left: string | null;
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
const ACCOUNT = /^[a-z_][a-z0-9_.-]*\$?$/;

export const fingerprintSchema = z.string().superRefine((value, ctx) => {
  if (!FINGERPRINT.test(value)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a key fingerprint such as SHA256:ADr…Q (43 base64 characters, as ssh-keygen -lf prints it)` });
  }
});

const accountSchema = z.string().regex(ACCOUNT, { error: 'expected a login name: lowercase letters, digits, "_", "." or "-"' });

const leftSchema = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text)} is not a date such as 2026-09-30` });
    return z.NEVER;
  }
  return text;
});

export const staffMemberSchema = z.strictObject(
  {
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_. -]*$/, { error: 'expected a name of letters, digits, spaces, "_", "." or "-"' }),
    accounts: z.array(accountSchema).optional(),
    keys: z.array(fingerprintSchema).default([]),
    left: leftSchema.optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'expected one of name, accounts, keys, left' : undefined) },
);

export const staffListSchema = z.array(staffMemberSchema);

export type StaffMemberFile = z.output<typeof staffMemberSchema>;

export function staffMemberFrom(member: StaffMemberFile): StaffMember {
  const byName = ACCOUNT.test(member.name.toLowerCase()) ? [member.name.toLowerCase()] : [];
  return { name: member.name, accounts: member.accounts ?? byName, keys: [...member.keys], left: member.left ?? null };
}

/** A log host name or address as the host's syslog configuration would write it. */
export const logHostSchema = z.string().regex(/^[A-Za-z0-9_.:-]+$/, { error: 'expected a host name or address' });

// Mail-facing TLS services per role (annex §5): which protocol on which port,
// and the DNS name clients use (the certificate must carry it). The
// transport check probes each one from the host's site bastion.
import { z } from 'zod';

/** Protocols a mail provider exposes to clients; the STARTTLS ones begin in plain text. */
export const TLS_SERVICE_PROTOCOLS = ['smtp', 'submission', 'smtps', 'imap', 'imaps', 'pop3', 'pop3s', 'https'] as const;
export type TlsServiceProtocol = (typeof TLS_SERVICE_PROTOCOLS)[number];

export const DEFAULT_SERVICE_PORTS: Record<TlsServiceProtocol, number> = {
  smtp: 25,
  submission: 587,
  smtps: 465,
  imap: 143,
  imaps: 993,
  pop3: 110,
  pop3s: 995,
  https: 443,
};

/** The `-starttls` value s_client takes for a protocol that upgrades a plain connection, or null for TLS from the first byte. */
export function starttlsOf(protocol: TlsServiceProtocol): 'smtp' | 'imap' | 'pop3' | null {
  if (protocol === 'smtp' || protocol === 'submission') return 'smtp';
  if (protocol === 'imap' || protocol === 'pop3') return protocol;
  return null;
}

export interface TransportService {
  protocol: TlsServiceProtocol;
  port: number;
  /** The DNS name clients connect to (SNI and the certificate name check); null: the host's own address or name. */
  name: string | null;
}

export const DEFAULT_CERTIFICATE_WARNING_DAYS = 30;

const DNS_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export const transportServiceSchema = z.strictObject(
  {
    protocol: z.enum(TLS_SERVICE_PROTOCOLS),
    port: z.number().int().min(1).max(65535).optional(),
    name: z.string().regex(DNS_NAME, { error: 'expected a DNS name such as mail.example.net (letters, digits, "-" and ".")' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'expected one of protocol, port, name' : undefined) },
);

export function transportServiceFrom(service: z.output<typeof transportServiceSchema>): TransportService {
  return { protocol: service.protocol, port: service.port ?? DEFAULT_SERVICE_PORTS[service.protocol], name: service.name ?? null };
}

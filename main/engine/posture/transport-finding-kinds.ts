// The kinds of transport finding (annex §5: TLS with forward secrecy on every
// client connection, Strict-Transport-Security on web pages). Ids are
// `transport.<kind>:<host>:<protocol>/<port>`.
export const TRANSPORT_FINDING_KINDS = {
  /** No TLS handshake (refused, timed out, unreadable): the service was not checked. */
  handshakeFailed: 'handshake-failed',
  /** TLS 1.0 or 1.1 accepted. */
  oldProtocol: 'old-protocol',
  /** A suite without forward secrecy accepted (static RSA key exchange). */
  noForwardSecrecy: 'no-forward-secrecy',
  /** The certificate expires within the role's warning period, or has expired. */
  certificateExpiring: 'certificate-expiring',
  /** The certificate does not carry the service's name. */
  certificateName: 'certificate-name',
  /** The chain does not verify against the bastion's trust store. */
  certificateChain: 'certificate-chain',
  /** A STARTTLS service that does not offer STARTTLS. */
  starttlsMissing: 'starttls-missing',
  /** A login offered before STARTTLS: a client may send credentials in clear text. */
  plaintextLogin: 'plaintext-login',
  /** No Strict-Transport-Security header, or a max-age under 180 days. */
  hstsMissing: 'hsts-missing',
  /** A secondary's certificate expires before its primary counterpart's: a failover would serve the older one. */
  secondaryCertificateOlder: 'secondary-certificate-older',
  /** A probe's output could not be read. */
  transportUnchecked: 'transport-unchecked',
} as const;

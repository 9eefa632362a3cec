// `opsdeck parse transport --format s-client [FILE|-]`: one saved
// `openssl s_client` output (stdout, or stdout and stderr together) in, the
// parsed handshake out as plain JSON with a short summary.
import { cliResult, type ParseCliResult } from '../parse-cli-result';
import { parseSClient } from './s-client';

export const TRANSPORT_CLI_FORMATS = ['s-client'] as const;
export type TransportCliFormat = (typeof TRANSPORT_CLI_FORMATS)[number];

export type TransportCliResult = ParseCliResult<TransportCliFormat>;

export function parseTransportForCli(format: TransportCliFormat, text: string): TransportCliResult {
  // A saved file has no exit status; stderr lines (depth=…, verify return:…) mixed in are ignored by the parser.
  const parsed = parseSClient(text, text, 0);
  const handshake = parsed.value;
  const leaf = handshake?.chain.find((certificate) => certificate.depth === 0) ?? null;
  return cliResult(
    format,
    parsed,
    {
      established: handshake?.established ?? null,
      protocol: handshake?.protocol ?? null,
      cipher: handshake?.cipher ?? null,
      forwardSecrecyKey: handshake?.tempKey ?? null,
      subject: leaf?.subject ?? null,
      notAfter: leaf?.notAfter ?? null,
      verifyCode: handshake?.verifyCode ?? null,
      verifyText: handshake?.verifyText ?? null,
    },
    handshake,
  );
}

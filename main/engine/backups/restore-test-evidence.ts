// A restore test as evidence: what was tested (host, job, snapshot and its
// time, the sample's seed), every file with both hashes and its class, the
// counts per class, durations, and every command with the sha256 of its
// output. Plain data, defined in the contract: stored, shown, exported as
// JSON unchanged.
export type { RestoreTestCommandEvidence, RestoreTestEvidence, RestoreTestFileEvidence, RestoreTestOutcome } from '../../../preload/contract';

import { describe, expect, it } from 'vitest';
import { DEMO_FAULT_KINDS, pickFaults } from '../../../main/engine/demo-fleet/demo-faults';
import { demoFleetSpec } from '../../../main/engine/demo-fleet/demo-fleet-spec';
import { garbageAnswer } from '../../../main/engine/demo-fleet/garbage-output';
import { answer } from '../../../main/engine/demo-fleet/profiles/command-answer';

const names = demoFleetSpec({ hosts: 1000 }).hosts.map((host) => host.name);

describe('pickFaults', () => {
  it('gives each fault kind the requested share of hosts, one fault per host, deterministically', () => {
    const faults = pickFaults(names, 0.1, 'seed-a');
    for (const kind of DEMO_FAULT_KINDS) expect(Object.values(faults).filter((fault) => fault.kind === kind)).toHaveLength(100);
    expect(Object.keys(faults)).toHaveLength(700);
    expect(pickFaults(names, 0.1, 'seed-a')).toEqual(faults);
    expect(pickFaults(names, 0.1, 'seed-b')).not.toEqual(faults);
  });

  it('keeps explicit faults and picks nothing at rate 0', () => {
    expect(pickFaults(names, 0, 'x', { 'db1.nj': { kind: 'auth-failure' } })).toEqual({ 'db1.nj': { kind: 'auth-failure' } });
    expect(() => pickFaults(names, 1.5, 'x')).toThrow(RangeError);
  });
});

describe('garbage output', () => {
  it('truncates JSON, breaks UTF-8 or prints random bytes — never the real output', () => {
    const json = answer(`${JSON.stringify({ nftables: Array.from({ length: 50 }, (_, index) => ({ rule: index })) })}\n`);
    const text = answer('Reading package lists...\nBuilding dependency tree...\n'.repeat(20));
    let truncated = 0;
    let invalid = 0;
    for (const invocation of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
      const garbledJson = garbageAnswer('h', invocation, json).stdout;
      expect(garbledJson.equals(json.stdout)).toBe(false);
      if (json.stdout.subarray(0, garbledJson.length).equals(garbledJson)) truncated++;
      expect(() => JSON.parse(garbledJson.toString('utf8'))).toThrow();
      const garbledText = garbageAnswer('h', invocation, text).stdout;
      if (!Buffer.from(garbledText.toString('utf8')).equals(garbledText)) invalid++;
    }
    expect(truncated).toBeGreaterThan(0);
    expect(invalid).toBeGreaterThan(0);
    expect(garbageAnswer('h', 'a', json)).toEqual(garbageAnswer('h', 'a', json));
  });
});

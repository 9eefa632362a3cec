// zod's issues, reworded for a person editing a YAML file: which key, what was
// expected, what was found ("hosts[3].os: expected one of debian, smartos,
// auto, got \"windows\""). zod's own wording ("Invalid input") is never shown.
import type { z } from 'zod';
import { formatYamlPath, valueAtPath, type PathTarget, type YamlPath } from './yaml-locations';

type Issue = z.core.$ZodIssue;

export interface LocatedMessage {
  path: YamlPath;
  target: PathTarget;
  message: string;
}

/** One issue becomes one message, or one per key for unknown keys. */
export function messagesForIssue(issue: Issue, root: unknown): LocatedMessage[] {
  const path = issue.path;
  const at = formatYamlPath(path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...path, key],
      target: 'key',
      message: `${at}: unknown key ${JSON.stringify(key)}; ${issue.message}`,
    }));
  }
  if (issue.code === 'invalid_key') {
    const key = String(path[path.length - 1]);
    const reason = issue.issues[0]?.message ?? 'is not allowed';
    return [{ path, target: 'key', message: `${formatYamlPath(path.slice(0, -1))}: name ${JSON.stringify(key)}: ${reason}` }];
  }
  const value = valueAtPath(root, path);
  const parent = path.slice(0, -1);
  if (path.length > 0 && value === undefined && isMapping(valueAtPath(root, parent))) {
    const choices = issue.code === 'invalid_value' ? ` (one of ${issue.values.map(String).join(', ')})` : '';
    return [{ path, target: 'value', message: `${formatYamlPath(parent)}: missing required key ${JSON.stringify(String(path[path.length - 1]))}${choices}` }];
  }
  return [{ path, target: 'value', message: `${at}: ${expectation(issue, value)}` }];
}

function expectation(issue: Issue, value: unknown): string {
  const got = `got ${describeValue(value)}`;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${expectedNoun(issue.expected)}, ${got}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}, ${got}`;
    case 'too_small':
      return `${lowerBound(issue.origin, Number(issue.minimum), issue.inclusive !== false)}, ${got}`;
    case 'too_big':
      return `${upperBound(issue.origin, Number(issue.maximum), issue.inclusive !== false)}, ${got}`;
    case 'invalid_format':
      return `${issue.message}, ${got}`;
    case 'custom':
      return issue.message;
    default:
      return `${issue.message}, ${got}`;
  }
}

function lowerBound(origin: string, minimum: number, inclusive: boolean): string {
  if (origin === 'array' || origin === 'set') return `expected at least ${minimum} item${minimum === 1 ? '' : 's'}`;
  if (origin === 'string') return minimum === 1 ? 'must not be empty' : `expected at least ${minimum} characters`;
  return inclusive ? `expected at least ${minimum}` : `expected more than ${minimum}`;
}

function upperBound(origin: string, maximum: number, inclusive: boolean): string {
  if (origin === 'array' || origin === 'set') return `expected at most ${maximum} items`;
  if (origin === 'string') return `expected at most ${maximum} characters`;
  return inclusive ? `expected at most ${maximum}` : `expected less than ${maximum}`;
}

function expectedNoun(expected: string): string {
  const nouns: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'a mapping',
    record: 'a mapping',
    array: 'a list',
  };
  return nouns[expected] ?? expected;
}

/** How a found value is named in a message: text quoted (and cut short), containers by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty mapping' : 'a mapping';
  return String(value);
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The e2e files run their tests in a random order, so that no test leans on
// where another left the page or the engine. This holds each e2e file to it,
// read with the TypeScript parser: every test is either inside a
// describe.shuffle, or alone in its group (a lone test has no order).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const E2E_DIR = join(process.cwd(), 'tests', 'e2e');

interface TestSite {
  name: string;
  shuffled: boolean;
  /** The innermost describe (or the file) that holds it, and whether it is registered in a loop. */
  group: ts.Node;
  inLoop: boolean;
}

function calleeName(call: ts.CallExpression): string {
  return call.expression.getText();
}

/** Every test(...) call in `source`, with what encloses it. */
function testSites(source: ts.SourceFile): TestSite[] {
  const sites: TestSite[] = [];
  const visit = (node: ts.Node, group: ts.Node, shuffled: boolean, inLoop: boolean): void => {
    if (ts.isCallExpression(node)) {
      const callee = calleeName(node);
      if (callee === 'test' || callee === 'it') {
        const first = node.arguments[0];
        sites.push({ name: first ? first.getText(source) : '(unnamed)', shuffled, group, inLoop });
        return;
      }
      if (callee === 'describe' || callee === 'describe.shuffle') {
        const options = node.arguments.length > 2 ? node.arguments[1]!.getText(source) : '';
        const isShuffled = callee === 'describe.shuffle' || /shuffle:\s*true/.test(options);
        node.arguments.forEach((argument) => visit(argument, node, shuffled || isShuffled, false));
        return;
      }
    }
    const loop = ts.isForOfStatement(node) || ts.isForStatement(node) || ts.isForInStatement(node);
    ts.forEachChild(node, (child) => visit(child, group, shuffled, inLoop || loop));
  };
  visit(source, source, false, false);
  return sites;
}

/** Tests that could run in a fixed order someone relied on: more than one in a group, not shuffled. */
function orderedTests(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const sites = testSites(source);
  return sites.filter((site) => !site.shuffled && (site.inLoop || sites.filter((other) => other.group === site.group).length > 1)).map((site) => site.name);
}

describe('e2e test order', () => {
  const files = readdirSync(E2E_DIR).filter((name) => name.endsWith('.test.ts'));

  test('there are e2e files to hold to it', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  test.each(files)('%s: every test is shuffled or alone in its group', (file) => {
    const path = join(E2E_DIR, file);
    expect(orderedTests(path, readFileSync(path, 'utf8'))).toEqual([]);
  });

  test('the check finds tests that are neither shuffled nor alone', () => {
    const text =
      "describe('story', () => {\n  test('one', () => {});\n  test('two', () => {});\n});\nfor (const x of [1, 2]) test(`loop ${x}`, () => {});\ndescribe.shuffle('ok', () => { test('three', () => {}); test('four', () => {}); });\ndescribe('lone', () => { test('five', () => {}); });\n";
    expect(orderedTests('ordered.test.ts', text)).toEqual(["'one'", "'two'", '`loop ${x}`']);
  });
});

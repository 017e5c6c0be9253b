import { describe, expect, it } from 'vitest';
import { CelError, evaluate } from './evaluate.js';
import { CelUnsupportedError, parseCel, usesOldSelf } from './parse.js';

const self = {
  name: 'web',
  replicas: 3,
  tags: ['a', 'b'],
  labels: { env: 'prod' },
  url: 'oci://r',
  empty: '',
};
const run = (expr: string, oldSelf?: unknown): unknown =>
  evaluate(
    parseCel(expr),
    new Map<string, unknown>([
      ['self', self],
      ['oldSelf', oldSelf],
    ]),
  );

describe('CEL subset', () => {
  it.each<[string, unknown]>([
    ['self.name == "web"', true],
    ["self.name != 'web'", false],
    ['self.replicas + 2 * 3', 9],
    ['self.replicas / 2', 1],
    ['self.replicas % 2', 1],
    ['-self.replicas < 0', true],
    ['size(self.tags) == 2 && self.tags.size() == 2', true],
    ["self.url.startsWith('oci') ? size(self.name) >= 1 : false", true],
    ["self.url.endsWith('/r') || self.missing == 1", true],
    ['has(self.labels) && !has(self.nope)', true],
    ["'a' in self.tags && 'env' in self.labels", true],
    ['self.tags.all(t, t.size() == 1)', true],
    ["self.tags.exists(t, t == 'b')", true],
    ["self.tags.exists_one(t, t == 'z')", false],
    ["self.tags.map(t, t + '!')", ['a!', 'b!']],
    ["self.tags.filter(t, t != 'a')", ['b']],
    ['self.labels.all(k, k.size() > 1)', true],
    ['[1, 2] + [3]', [1, 2, 3]],
    ["{'a': 1}.a", 1],
    ['self.tags[1]', 'b'],
    ["self.labels['env']", 'prod'],
    ["self.name.matches('^w.b$')", true],
    ['self.name.upperAscii() + self.name.lowerAscii()', 'WEBweb'],
    ["string(self.replicas) + 'x'", '3x'],
    ['int("42") + 1', 43],
    ['double(1) / 2.5', 0.4],
    ["self.name.contains('e') ? 1 : 2", 1],
    ['false && self.missing', false],
    ['"multi\\nline".size()', 10],
    ["r'raw\\n'.size()", 5],
    ['null == null', true],
    ['self == self', true],
  ])('evaluates %s', (expr, expected) => {
    expect(run(expr)).toEqual(expected);
  });

  it.each([
    ['self.missing', 'no such key: missing'],
    ['self.tags[5]', 'index out of bounds: 5'],
    ['self.replicas / 0', 'division by zero'],
    ['self.name < 3', 'no such overload: <'],
    ['self.name ? 1 : 2', 'no such overload: _?_:_'],
  ])('throws CelError for %s', (expr, message) => {
    expect(() => run(expr)).toThrow(CelError);
    expect(() => run(expr)).toThrow(message);
  });

  it.each(['self.tags.isSorted()', 'self.?name', 'undeclared == 1', 'self.name ==', 'a ~ b'])(
    'throws CelUnsupportedError for %s',
    (expr) => {
      expect(() => run(expr)).toThrow(CelUnsupportedError);
    },
  );

  it('binds oldSelf and detects transition rules', () => {
    expect(run('self.replicas >= oldSelf.replicas', { replicas: 2 })).toBe(true);
    expect(usesOldSelf('self == oldSelf')).toBe(true);
    expect(usesOldSelf("self.oldSelfish == 'oldSelf'")).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { isTagName, parseInline, parseWikiLink, plainText } from '../../../src/lib/content/index.ts';
import type { Inline } from '../../../src/lib/content/types.ts';

const ALLOWED = new Set(['text', 'strong', 'em', 'del', 'code', 'keyterm', 'wikilink', 'extlink', 'tag', 'br']);
function walk(nodes: Inline[], visit: (n: Inline) => void): void {
  for (const n of nodes) {
    visit(n);
    if ('children' in n) walk(n.children, visit);
  }
}

describe('tags', () => {
  it.each([
    ['aws-ccp-exam-notes/services/storage/backup', true],
    ['real-tag', true],
    ['cafe', true],
    ['0055FF', false],
    ['6800FFBF', false],
    ['11', false],
    ['2024/05', false],
  ])('%s is a tag: %s', (name, expected) => {
    expect(isTagName(name)).toBe(expected);
  });

  it('does not take C#, PKCS #11 or a CSS colour for tags', () => {
    expect(parseInline('C# and PKCS #11 and background: #0055FF').tags).toEqual([]);
    expect(parseInline('studying #aws/ccp today').tags).toEqual(['aws/ccp']);
  });
});

describe('wiki-links', () => {
  it.each([
    ['note', 'note', { note: 'note', headings: [] }, 'note'],
    ['note|alias', 'note', { note: 'note', headings: [] }, 'alias'],
    ['note#heading', 'heading', { note: 'note', headings: ['heading'] }, 'note > heading'],
    ['note#parent#child|alias', 'heading', { note: 'note', headings: ['parent', 'child'] }, 'alias'],
    ['note#^block|alias', 'block', { note: 'note', headings: [], block: 'block' }, 'alias'],
    ['#heading|alias', 'heading', { note: '', headings: ['heading'] }, 'alias'],
    ['AWS-Regions-and-Availability-Zones.jpg|regions', 'file', { note: 'AWS-Regions-and-Availability-Zones.jpg', headings: [] }, 'regions'],
    ['note.md', 'note', { note: 'note', headings: [] }, 'note'],
  ])('[[%s]]', (inner, kind, target, text) => {
    const link = parseWikiLink(inner);
    expect(link.kind).toBe(kind);
    expect(link.target).toEqual(target);
    expect(link.text).toBe(text);
    expect(link.issue).toBeUndefined();
  });

  it.each([
    ['a#^b]|c', 'block', 'c'],
    ['a^|b', 'note', 'b'],
    ['', 'empty', ''],
    ['note#^|x', 'block', 'x'],
  ])('malformed [[%s]] keeps its text and reports the problem', (inner, kind, text) => {
    const link = parseWikiLink(inner);
    expect(link.kind).toBe(kind);
    expect(link.text).toBe(text);
    expect(link.issue?.message).toContain(`[[${inner}]]`.slice(0, 4));
  });
});

describe('inline HTML and links are made safe', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)><circle/></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '[x](javascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<mark style="background:url(javascript:alert(1))" onmouseover="alert(1)">term</mark>',
    '<<script>script>alert(1)<</script>/script>',
    '[[javascript:alert(1)|x]]',
    '<math><mtext><script>alert(1)</script></mtext></math>',
  ];
  it.each(payloads)('%s', (payload) => {
    const result = parseInline(`before ${payload} after`);
    walk(result.inline, (n) => {
      expect(ALLOWED.has(n.type)).toBe(true);
      if (n.type === 'extlink') expect(n.href).toMatch(/^(https?:|mailto:)/);
    });
    expect(result.externalLinks.every((l) => /^(https?:|mailto:)/.test(l.href))).toBe(true);
    expect(plainText(result.inline)).not.toMatch(/<\s*(script|img|svg|iframe|a|math)\b/i);
  });

  it('keeps the text of mark and span as key terms and drops their styles', () => {
    const result = parseInline('<span style=\'color:#eb3b5a\'>Expedited Retrieva</span>l: quick');
    expect(result.inline[0]).toEqual({ type: 'keyterm', children: [{ type: 'text', text: 'Expedited Retrieva' }] });
    expect(plainText(result.inline)).toBe('Expedited Retrieval: quick');
  });

  it('keeps http links as external links', () => {
    const result = parseInline('[cheat sheet](https://example.com/a)');
    expect(result.inline).toEqual([{ type: 'extlink', href: 'https://example.com/a', children: [{ type: 'text', text: 'cheat sheet' }] }]);
  });
});

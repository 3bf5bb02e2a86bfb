/**
 * Stage 2: one line of note text -> `Inline[]` plus the links and tags on it.
 *
 * marked's inline lexer does the Markdown (emphasis, code spans, links,
 * escapes, raw HTML tokens); a marked extension adds wiki-links. The tokens are
 * then mapped onto our own small `Inline` union, which only ever holds text and
 * known shapes: raw HTML never survives, so nothing executable can reach the
 * page however the note is written.
 */
import { Marked, type Token, type Tokens } from 'marked';
import type { Inline, Link, LinkKind, LinkTarget, WarningCode } from './types.ts';

export interface InlineIssue {
  code: WarningCode;
  message: string;
}

export interface InlineResult {
  inline: Inline[];
  /** Links found on the line; `Inline.wikilink.link` indexes this array. */
  links: Omit<Link, 'line' | 'resolved'>[];
  externalLinks: { text: string; href: string }[];
  tags: string[];
  issues: InlineIssue[];
}

interface WikiToken {
  type: 'wikilink';
  raw: string;
  inner: string;
}

const markdown = new Marked({ gfm: true, breaks: false });
markdown.use({
  extensions: [
    {
      name: 'wikilink',
      level: 'inline',
      start(src: string) {
        const at = src.indexOf('[[');
        return at < 0 ? undefined : at;
      },
      tokenizer(src: string) {
        // The first `]]` closes the link, so `[[a#^b]|c]]` keeps its stray `]` inside.
        const match = /^!?\[\[([^\n]*?)\]\]/.exec(src);
        if (!match) return undefined;
        return { type: 'wikilink', raw: match[0], inner: match[1] ?? '' } satisfies WikiToken;
      },
    },
  ],
});

/** Tags: `#` at the start or after whitespace/punctuation, then a name with a letter in it. */
const TAG = /(^|[\s(,;])#([\p{L}\p{N}_\-/]*[\p{L}_\-/][\p{L}\p{N}_\-/]*)/gu;
const HEX_COLOUR = /^(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const HIGHLIGHT = /==([^=\n]+?)==/g;
const SAFE_HREF = /^(?:https?:|mailto:)/i;
/** Elements whose content is dropped with them. */
const DROP_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'title', 'svg', 'math']);
/** Formatting elements whose markup is dropped silently (their text stays). */
const QUIET = new Set(['b', 'i', 'u', 'em', 'strong', 'sup', 'sub', 'small', 'font', 'kbd', 'p', 'div']);
const KEY_TERM_TAGS = new Set(['mark', 'span']);

/** Is `name` a tag (not a colour such as `0055FF`, not a number such as `11`)? */
export function isTagName(name: string): boolean {
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '' || /^[\d/]+$/.test(trimmed)) return false;
  if (HEX_COLOUR.test(trimmed) && /\d/.test(trimmed)) return false;
  return true;
}

/** Splits the inside of `[[...]]` into target, alias and kind, repairing known malformed forms. */
export function parseWikiLink(inner: string): Omit<Link, 'line' | 'resolved'> & { issue?: InlineIssue } {
  const raw = inner;
  if (inner.trim() === '') {
    return {
      raw,
      kind: 'empty',
      target: { note: '', headings: [] },
      text: '',
      issue: { code: 'empty-link', message: 'empty wiki-link [[]]' },
    };
  }
  const bar = inner.indexOf('|');
  let targetText = bar >= 0 ? inner.slice(0, bar) : inner;
  const alias = bar >= 0 ? inner.slice(bar + 1).trim() : '';
  let malformed: string | undefined;
  if (/\]+\s*$/.test(targetText)) {
    malformed = `stray "]" in link target "${targetText.trim()}"`;
    targetText = targetText.replace(/\]+\s*$/, '');
  }
  targetText = targetText.trim();
  const hash = targetText.indexOf('#');
  let note = (hash >= 0 ? targetText.slice(0, hash) : targetText).trim();
  const subpath = hash >= 0 ? targetText.slice(hash + 1) : '';
  if (note.endsWith('^') && hash < 0) {
    malformed ??= `caret with no block id in "${targetText}"`;
  }
  if (/\.md$/i.test(note)) note = note.slice(0, -3);
  const target: LinkTarget = { note, headings: [] };
  let kind: LinkKind = 'note';
  if (subpath.startsWith('^')) {
    target.block = subpath.slice(1).trim();
    kind = 'block';
    if (target.block === '') malformed ??= `empty block id in "${targetText}"`;
  } else if (subpath !== '') {
    target.headings = subpath
      .split('#')
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter((s) => s !== '');
    kind = target.headings.length > 0 ? 'heading' : 'note';
  } else if (/\.[A-Za-z0-9]{1,5}$/.test(note)) {
    kind = 'file';
  }
  const shown = alias !== '' ? alias : displayTarget(target);
  const result: Omit<Link, 'line' | 'resolved'> & { issue?: InlineIssue } = { raw, kind, target, text: shown };
  if (malformed) {
    result.malformed = malformed;
    result.issue = { code: 'malformed-link', message: `malformed wiki-link [[${raw}]]: ${malformed}` };
  }
  return result;
}

function displayTarget(target: LinkTarget): string {
  const sub = target.block ? `^${target.block}` : target.headings.join(' > ');
  if (target.note && sub) return `${target.note} > ${sub}`;
  return target.note || sub;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '\u2013', mdash: '\u2014' };

/** Decodes the HTML entities a note may contain in plain text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

interface Frame {
  kind: 'root' | 'keyterm' | 'skip';
  tag: string;
  children: Inline[];
}

/** Parses one line of note text (comments already removed). */
export function parseInline(text: string): InlineResult {
  const result: InlineResult = { inline: [], links: [], externalLinks: [], tags: [], issues: [] };
  const tokens = markdown.Lexer.lexInline(text, markdown.defaults);
  result.inline = convert(tokens, result);
  return result;
}

function convert(tokens: Token[], result: InlineResult): Inline[] {
  const stack: Frame[] = [{ kind: 'root', tag: '', children: [] }];
  const top = (): Frame => stack[stack.length - 1] as Frame;
  const push = (...nodes: Inline[]): void => {
    if (top().kind !== 'skip') top().children.push(...nodes);
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'html': {
        handleHtml(token as Tokens.HTML | Tokens.Tag, stack, result);
        break;
      }
      case 'wikilink': {
        const wiki = token as unknown as WikiToken;
        const link = parseWikiLink(wiki.inner);
        if (link.issue) result.issues.push(link.issue);
        const { issue: _issue, ...stored } = link;
        result.links.push(stored);
        if (link.kind === 'empty') {
          push({ type: 'text', text: `[[${wiki.inner}]]` });
          break;
        }
        push({ type: 'wikilink', link: result.links.length - 1, text: stored.text });
        break;
      }
      case 'text':
      case 'escape': {
        const t = token as Tokens.Text | Tokens.Escape;
        if ('tokens' in t && t.tokens && t.tokens.length > 0) push(...convert(t.tokens, result));
        else push(...splitText(decodeEntities(t.text), result));
        break;
      }
      case 'strong':
      case 'em':
      case 'del': {
        const t = token as Tokens.Strong | Tokens.Em | Tokens.Del;
        push({ type: token.type, children: convert(t.tokens ?? [], result) });
        break;
      }
      case 'codespan': {
        push({ type: 'code', text: decodeEntities((token as Tokens.Codespan).text) });
        break;
      }
      case 'br': {
        push({ type: 'br' });
        break;
      }
      case 'link': {
        const t = token as Tokens.Link;
        const children = convert(t.tokens ?? [], result);
        const label = plainText(children);
        if (SAFE_HREF.test(t.href.trim())) {
          const href = t.href.trim();
          result.externalLinks.push({ text: label, href });
          push({ type: 'extlink', href, children });
        } else {
          result.issues.push({ code: 'unsafe-link', message: `link to "${t.href.slice(0, 60)}" dropped: only http(s) and mailto links are kept` });
          push(...children);
        }
        break;
      }
      case 'image': {
        const t = token as Tokens.Image;
        if (t.text) push({ type: 'text', text: t.text });
        break;
      }
      default: {
        const raw = (token as { raw?: string }).raw ?? '';
        if (raw) push({ type: 'text', text: raw });
      }
    }
  }
  // Close what the line left open: an unclosed <mark> still marks its text.
  while (stack.length > 1) {
    const frame = stack.pop() as Frame;
    if (frame.kind === 'keyterm') top().children.push({ type: 'keyterm', children: frame.children });
  }
  return mergeText(top().children);
}

function handleHtml(token: Tokens.HTML | Tokens.Tag, stack: Frame[], result: InlineResult): void {
  const top = stack[stack.length - 1] as Frame;
  const html = token.text.trim();
  if (html.startsWith('<!--')) return;
  const match = /^<\s*(\/)?\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>?/.exec(html);
  if (!match) {
    // Not a tag after all (for example a lone `<`): keep it as text.
    if (top.kind !== 'skip') top.children.push({ type: 'text', text: decodeEntities(token.text) });
    return;
  }
  const closing = match[1] === '/';
  const name = (match[2] ?? '').toLowerCase();
  const attrs = match[3] ?? '';
  const selfClosing = /\/\s*$/.test(attrs);
  if (top.kind === 'skip') {
    if (closing && name === top.tag) stack.pop();
    return;
  }
  if (name === 'br') {
    top.children.push({ type: 'br' });
    return;
  }
  if (!closing && DROP_CONTENT.has(name)) {
    result.issues.push({ code: 'html-dropped', message: `<${name}> and its content dropped` });
    if (!selfClosing) stack.push({ kind: 'skip', tag: name, children: [] });
    return;
  }
  if (KEY_TERM_TAGS.has(name)) {
    if (!closing) {
      if (!selfClosing) stack.push({ kind: 'keyterm', tag: name, children: [] });
      return;
    }
    const at = findFrame(stack, name);
    if (at > 0) closeFrames(stack, at);
    return;
  }
  if (/\son[a-z]+\s*=/i.test(attrs) || /javascript:/i.test(attrs)) {
    result.issues.push({ code: 'html-dropped', message: `<${name}> with script attributes dropped` });
  } else if (!QUIET.has(name) && !closing) {
    result.issues.push({ code: 'html-dropped', message: `<${name}> markup dropped (its text is kept)` });
  }
}

function findFrame(stack: Frame[], tag: string): number {
  for (let i = stack.length - 1; i > 0; i--) if (stack[i]?.tag === tag) return i;
  return -1;
}

function closeFrames(stack: Frame[], downTo: number): void {
  while (stack.length > downTo) {
    const frame = stack.pop() as Frame;
    const parent = stack[stack.length - 1] as Frame;
    if (frame.kind === 'keyterm') parent.children.push({ type: 'keyterm', children: mergeText(frame.children) });
  }
}

/** Finds `#tags` and `==highlights==` inside plain text. */
function splitText(text: string, result: InlineResult): Inline[] {
  const out: Inline[] = [];
  const parts = text.split(HIGHLIGHT);
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      out.push({ type: 'keyterm', children: splitTags(part, result) });
    } else if (part !== '') {
      out.push(...splitTags(part, result));
    }
  });
  return out;
}

function splitTags(text: string, result: InlineResult): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    const name = match[2] ?? '';
    if (!isTagName(name)) continue;
    const start = (match.index ?? 0) + (match[1] ?? '').length;
    if (start > last) out.push({ type: 'text', text: text.slice(last, start) });
    const tag = name.replace(/\/+$/, '');
    out.push({ type: 'tag', tag });
    result.tags.push(tag);
    last = start + 1 + tag.length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const prev = out[out.length - 1];
    if (node.type === 'text' && prev?.type === 'text') prev.text += node.text;
    else if (node.type !== 'text' || node.text !== '') out.push(node);
  }
  return out;
}

/** The text a reader sees, markup removed. */
export function plainText(nodes: Inline[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'code':
        out += node.text;
        break;
      case 'wikilink':
        out += node.text;
        break;
      case 'tag':
        out += `#${node.tag}`;
        break;
      case 'br':
        out += ' ';
        break;
      case 'strong':
      case 'em':
      case 'del':
      case 'keyterm':
      case 'extlink':
        out += plainText(node.children);
        break;
    }
  }
  return out;
}

/** Texts of the key terms in a line. */
export function keyTerms(nodes: Inline[]): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.type === 'keyterm') {
      const text = plainText(node.children).replace(/\s+/g, ' ').trim();
      if (text) out.push(text);
    } else if ('children' in node) {
      out.push(...keyTerms(node.children));
    }
  }
  return out;
}

/**
 * Stage 2: one line of note text -> `Inline[]` plus the links and tags on it.
 *
 * marked's inline lexer does the Markdown (emphasis, code spans, links,
 * escapes, raw HTML tokens); a marked extension adds wiki-links. The tokens are
 * then mapped onto our own small `Inline` union, which only ever holds text and
 * known shapes, so nothing executable can reach the page however the note is
 * written. Raw HTML: `<mark>`/`<span>` mark key terms, `<b>`/`<i>`/`<s>` and
 * their kin become our own emphasis, a few layout tags (`<p>`, `<div>`, `<u>`,
 * ...) give way to their text; script-like elements and attributes (`<script>`,
 * `<iframe>`, `on*=`, `javascript:`) are dropped with a warning; any other tag
 * is kept as its literal text (`<video src=x>` reads "<video src=x>").
 *
 * Obsidian's own syntax added by marked extensions: wiki-links and embeds
 * (`[[x]]`, `![[x]]`, `![[x.png|300]]`), footnote references (`[^1]`) and math
 * (`$x$`, `$$x$$`).
 */
import { Marked, type Token, type Tokens } from 'marked';
import type { Inline, Link, LinkKind, LinkTarget, WarningCode } from './types.ts';
import { plainText } from './plain.ts';

export { plainText };

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
  /** Written `![[...]]`. */
  embed: boolean;
}

interface FootnoteToken {
  type: 'footnoteRef';
  raw: string;
  label: string;
}

interface MathToken {
  type: 'math';
  raw: string;
  tex: string;
}

/** Attachments Obsidian shows as images when embedded. */
export const IMAGE_EXTENSIONS = /\.(?:png|jpe?g|gif|webp|svg|bmp|avif)$/i;

/**
 * How far ahead an extension's `start` looks. marked asks every extension
 * where it might start before each plain-text step, and a search to the end of
 * the line each time makes a long line of punctuation (`*a*a*a...`) quadratic.
 * Past the window, `start` names a place to end the text step instead: right
 * after the window's last space. Ending a text step there changes nothing (the
 * next step goes on from there, text steps merge, and after a space it cannot
 * split an address or an e-mail). A window without a space is searched on to
 * the end, as before; a line without the extension's mark at all is never
 * searched (`lineMarks`).
 */
const START_WINDOW = 128;

/** Which extension marks the line being read holds at all (set by `parseInline` for the line and everything inside it). */
const lineMarks = { '[[': true, '[^': true, $: true };

function startOf(src: string, needle: '[[' | '[^' | '$'): number | undefined {
  if (!lineMarks[needle]) return undefined;
  if (src.length > START_WINDOW) {
    const window = src.slice(0, START_WINDOW + needle.length - 1);
    const at = window.indexOf(needle);
    if (at >= 0) return at;
    const space = window.lastIndexOf(' ', START_WINDOW - 1);
    if (space >= 0) return space + 1;
  }
  const at = src.indexOf(needle);
  return at < 0 ? undefined : at;
}

const markdown = new Marked({ gfm: true, breaks: false });
markdown.use({
  extensions: [
    {
      name: 'wikilink',
      level: 'inline',
      start(src: string) {
        return startOf(src, '[[');
      },
      tokenizer(src: string) {
        // The first `]]` closes the link, so `[[a#^b]|c]]` keeps its stray `]` inside. A link never holds
        // another `[[`, so a line of `[[[[...` is read in linear time rather than scanned to its end at each `[[`.
        const match = /^!?\[\[((?:[^[\n]|\[(?!\[))*?)\]\]/.exec(src);
        if (!match) return undefined;
        return { type: 'wikilink', raw: match[0], inner: match[1] ?? '', embed: match[0].startsWith('!') } satisfies WikiToken;
      },
    },
    {
      name: 'footnoteRef',
      level: 'inline',
      start(src: string) {
        return startOf(src, '[^');
      },
      tokenizer(src: string) {
        const match = /^\[\^([^\]\s[]+)\]/.exec(src);
        if (!match) return undefined;
        return { type: 'footnoteRef', raw: match[0], label: match[1] ?? '' } satisfies FootnoteToken;
      },
    },
    {
      name: 'math',
      level: 'inline',
      start(src: string) {
        return startOf(src, '$');
      },
      tokenizer(src: string) {
        // `$5 and $10` is money, not math: no space inside the dollars, no digit right after the closing one.
        const match = /^\$\$([^$]+?)\$\$/.exec(src) ?? /^\$(?![\s$])([^$\n]*?[^\s$\\])\$(?!\d)/.exec(src);
        if (!match) return undefined;
        return { type: 'math', raw: match[0], tex: (match[1] ?? '').trim() } satisfies MathToken;
      },
    },
  ],
});

/** Tags: `#` at the start or after whitespace/punctuation, then a name with a letter in it. */
const TAG = /(^|[\s(,;])#([\p{L}\p{N}_\-/]*[\p{L}_\-/][\p{L}\p{N}_\-/]*)/gu;
const HEX_COLOUR = /^(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const HIGHLIGHT = /==([^=\n]+?)==/g;
const SAFE_HREF = /^(?:https?:|mailto:)/i;
/** A Markdown image that points at a file next to the note (`![x](img/a.png)`), not at a scheme. */
const LOCAL_PATH = /^(?![a-z][a-z0-9+.-]*:)[^<>"]+$/i;
/** Elements whose content is dropped with them. */
const DROP_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'title', 'svg', 'math']);
/** Layout and formatting elements whose markup gives way to their text. */
const QUIET = new Set(['u', 'sup', 'sub', 'small', 'big', 'font', 'kbd', 'p', 'div', 'ins', 'abbr', 'cite', 'q', 'var', 'samp', 'code', 'tt']);
/** Elements that become our own nodes around their text. */
const FRAME_TAGS: Record<string, Frame['kind']> = {
  mark: 'keyterm',
  span: 'keyterm',
  b: 'strong',
  strong: 'strong',
  i: 'em',
  em: 'em',
  s: 'del',
  strike: 'del',
  del: 'del',
};

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
  kind: 'root' | 'skip' | 'keyterm' | 'strong' | 'em' | 'del';
  tag: string;
  children: Inline[];
  /** On the root: elements whose opening tag was dropped, so their closing tag goes too. */
  dropped?: string[];
}

/** A node for a closed frame (`<mark>...</mark>` -> keyterm, `<b>...</b>` -> strong). */
function frameNode(frame: Frame): Inline | null {
  const children = mergeText(frame.children);
  switch (frame.kind) {
    case 'keyterm':
    case 'strong':
    case 'em':
    case 'del':
      return { type: frame.kind, children };
    case 'root':
    case 'skip':
      return null;
  }
}

/**
 * `![[photo.jpg|300]]`, `![[photo.jpg|a photo|300x200]]`: the image node, or
 * null when the target is not an image (then it is an embed).
 */
export function wikiImage(inner: string): Extract<Inline, { type: 'image' }> | null {
  const [target = '', ...options] = inner.split('|').map((part) => part.trim());
  if (!IMAGE_EXTENSIONS.test(target)) return null;
  let alt = '';
  let width: number | undefined;
  for (const option of options) {
    const size = /^(\d{1,5})(?:x\d{1,5})?$/.exec(option);
    if (size) width = Number(size[1]);
    else if (option !== '') alt = option;
  }
  return { type: 'image', target, alt: alt || (target.split('/').pop() ?? target), ...(width ? { width } : {}) };
}

/** What an embed box names: `Other note › Heading`, `Other note › ^block`, or the alias. */
function embedText(link: Omit<Link, 'line' | 'resolved'>, inner: string): string {
  if (inner.includes('|') && link.text !== '') return link.text;
  const parts = [link.target.note, ...link.target.headings, ...(link.target.block ? [`^${link.target.block}`] : [])].filter((p) => p !== '');
  return parts.join(' › ');
}

/**
 * How much markup a note may hold before its lines are no longer read for it.
 * marked spends a few microseconds on each mark (`[`, `*`, `<`, ...), so a
 * note of nothing but marks would take seconds; past this many, a line is
 * shown as written (its tags and `==highlights==` still found), with a warning
 * on the first such line. A note of ordinary prose has a few marks in a
 * hundred characters, so even a 1 MB note stays well inside.
 */
export const MARKUP_BUDGET = 60_000;

/** Marks left to read in a note: one object per note, passed to every `parseInline` of it. */
export interface MarkupBudget {
  marks: number;
  /** Set once a line was read as plain text for want of budget (the warning is given once). */
  spent?: boolean;
}

/** A new budget for one note. */
export function markupBudget(marks = MARKUP_BUDGET): MarkupBudget {
  return { marks };
}

/** Characters that start a marked step or one of ours: what reading a line costs. */
function countMarks(text: string): number {
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x5c: // \
      case 0x3c: // <
      case 0x21: // !
      case 0x5b: // [
      case 0x60: // `
      case 0x2a: // *
      case 0x5f: // _
      case 0x7e: // ~
      case 0x24: // $
      case 0x40: // @
      case 0x26: // &
        marks++;
    }
  }
  return marks;
}

/** An address marked would turn into a link (`https://`, `ftp://`, `www.`); an e-mail address needs an `@`, a mark. */
const AUTOLINK = /:\/\/|www\./i;

/**
 * Whether marked would read `text` as plain text: none of the characters that
 * start a marked step or one of ours (`countMarks`), no web address and no
 * line break. marked then gives one text token holding the line as written
 * (its entity decoding needs an `&`, a mark), so `parseInline` builds the
 * nodes itself: the same nodes, without the lexer.
 * `tests/unit/content/inline-plain.test.ts` compares both ways on many lines.
 */
export function isPlainLine(text: string): boolean {
  return countMarks(text) === 0 && hasNoAddress(text);
}

function hasNoAddress(text: string): boolean {
  return !text.includes('\n') && !AUTOLINK.test(text);
}

/** Inline trees nested deeper than this (`<b>` in `<b>` in ...) are read as plain text: every walk over them stays shallow. */
const MAX_NESTING = 64;

/**
 * Parses one line of note text (comments already removed). With a `budget`
 * (one per note), a line whose marks the budget no longer covers is read as
 * plain text; so is a line nested too deep to read safely. Either way no text
 * is lost and an issue says so.
 */
export function parseInline(text: string, budget?: MarkupBudget): InlineResult {
  const result: InlineResult = { inline: [], links: [], externalLinks: [], tags: [], issues: [] };
  const marks = countMarks(text);
  if (marks === 0 && hasNoAddress(text)) {
    // Nothing in the line reads as markup: marked would give it back as one text token.
    if (text.includes('#') || text.includes('==')) result.inline = mergeText(splitText(text, result));
    // An array literal holds exactly one node; pushing into [] would reserve room for 17.
    else if (text !== '') result.inline = [{ type: 'text', text }];
    return result;
  }
  if (budget && marks > budget.marks) {
    budget.marks = 0;
    if (!budget.spent) {
      budget.spent = true;
      result.issues.push({
        code: 'markup-capped',
        message: `this note holds more than ${MARKUP_BUDGET.toLocaleString('en-US')} marks of markup; from this line on, lines are shown as written (links and emphasis not read)`,
      });
    }
    result.inline = splitText(text, result);
    return result;
  }
  if (budget) budget.marks -= marks;
  return parseInlineWithMarked(text);
}

/**
 * `parseInline` with no shortcut for plain lines and no budget: the line
 * always goes through marked. Tests compare the two on lines that `isPlainLine` accepts.
 */
export function parseInlineWithMarked(text: string): InlineResult {
  const result: InlineResult = { inline: [], links: [], externalLinks: [], tags: [], issues: [] };
  lineMarks['[['] = text.includes('[[');
  lineMarks['[^'] = text.includes('[^');
  lineMarks.$ = text.includes('$');
  try {
    const tokens = markdown.Lexer.lexInline(text, markdown.defaults);
    result.inline = convert(tokens, result, 0);
    return result;
  } catch {
    // Nesting deeper than MAX_NESTING (or deep enough to exhaust the stack inside marked).
    return plainLine(text);
  }
}

/** The line as plain text (its tags and highlights still found), with the issue that says why. */
function plainLine(text: string): InlineResult {
  const result: InlineResult = { inline: [], links: [], externalLinks: [], tags: [], issues: [] };
  result.issues.push({ code: 'markup-capped', message: `markup nested more than ${MAX_NESTING} levels deep; the line is shown as written` });
  result.inline = splitText(text, result);
  return result;
}

class TooDeep extends Error {}

/** Appends without spreading: a line of 300,000 highlights is too many arguments for `push(...)`. */
function append<T>(target: T[], items: T[]): void {
  for (const item of items) target.push(item);
}

function convert(tokens: Token[], result: InlineResult, depth: number): Inline[] {
  if (depth > MAX_NESTING) throw new TooDeep();
  const stack: Frame[] = [{ kind: 'root', tag: '', children: [] }];
  const top = (): Frame => stack[stack.length - 1] as Frame;
  const push = (...nodes: Inline[]): void => {
    if (top().kind !== 'skip') append(top().children, nodes);
  };
  const pushAll = (nodes: Inline[]): void => {
    if (top().kind !== 'skip') append(top().children, nodes);
  };
  // Frames (`<b>` in `<b>` ...) nest too: they count toward the same depth.
  const nested = (): number => depth + stack.length;

  for (const token of tokens) {
    switch (token.type) {
      case 'html': {
        handleHtml(token as Tokens.HTML | Tokens.Tag, stack, result);
        if (nested() > MAX_NESTING) throw new TooDeep();
        break;
      }
      case 'wikilink': {
        const wiki = token as unknown as WikiToken;
        const image = wiki.embed ? wikiImage(wiki.inner) : null;
        if (image) {
          push(image);
          break;
        }
        const link = parseWikiLink(wiki.inner);
        if (link.issue) result.issues.push(link.issue);
        const { issue: _issue, ...stored } = link;
        result.links.push(stored);
        if (link.kind === 'empty') {
          push({ type: 'text', text: wiki.raw });
          break;
        }
        if (wiki.embed) {
          stored.embed = true;
          push({ type: 'embed', link: result.links.length - 1, text: embedText(stored, wiki.inner) });
          break;
        }
        push({ type: 'wikilink', link: result.links.length - 1, text: stored.text });
        break;
      }
      case 'footnoteRef': {
        push({ type: 'footnote', label: (token as unknown as FootnoteToken).label });
        break;
      }
      case 'math': {
        push({ type: 'math', text: (token as unknown as MathToken).tex });
        break;
      }
      case 'text':
      case 'escape': {
        const t = token as Tokens.Text | Tokens.Escape;
        if ('tokens' in t && t.tokens && t.tokens.length > 0) pushAll(convert(t.tokens, result, nested()));
        else pushAll(splitText(decodeEntities(t.text), result));
        break;
      }
      case 'strong':
      case 'em':
      case 'del': {
        const t = token as Tokens.Strong | Tokens.Em | Tokens.Del;
        push({ type: token.type, children: convert(t.tokens ?? [], result, nested()) });
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
        const children = convert(t.tokens ?? [], result, nested());
        const label = plainText(children);
        if (SAFE_HREF.test(t.href.trim())) {
          const href = t.href.trim();
          result.externalLinks.push({ text: label, href });
          push({ type: 'extlink', href, children });
        } else {
          result.issues.push({ code: 'unsafe-link', message: `link to "${t.href.slice(0, 60)}" dropped: only http(s) and mailto links are kept` });
          pushAll(children);
        }
        break;
      }
      case 'image': {
        const t = token as Tokens.Image;
        const href = t.href.trim();
        const alt = decodeEntities(t.text);
        if (/^https?:/i.test(href)) {
          push({ type: 'image', target: href, alt, external: true });
        } else if (LOCAL_PATH.test(href) && href !== '') {
          let target = href;
          try {
            target = decodeURI(href);
          } catch {
            // A stray % stays as written.
          }
          push({ type: 'image', target, alt: alt || (target.split('/').pop() ?? target) });
        } else {
          result.issues.push({ code: 'unsafe-image', message: `image from "${href.slice(0, 60)}" dropped: only http(s) addresses and attachments are kept` });
          if (alt) push({ type: 'text', text: alt });
        }
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
    const node = frameNode(frame);
    if (node) top().children.push(node);
  }
  return mergeText(top().children);
}

function handleHtml(token: Tokens.HTML | Tokens.Tag, stack: Frame[], result: InlineResult): void {
  const top = stack[stack.length - 1] as Frame;
  const html = token.text.trim();
  if (html.startsWith('<!--')) return; // a comment: hidden, as Obsidian hides it
  const match = /^<\s*(\/)?\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>?/.exec(html);
  const literal = (): void => {
    if (top.kind !== 'skip') top.children.push({ type: 'text', text: token.text });
  };
  if (!match) {
    // Not a tag after all (a lone `<`, a `<!DOCTYPE>`): keep it as text.
    literal();
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
  if (DROP_CONTENT.has(name)) {
    if (closing) return;
    result.issues.push({ code: 'html-dropped', message: `<${name}> and its content dropped` });
    if (!selfClosing) stack.push({ kind: 'skip', tag: name, children: [] });
    return;
  }
  const dropped = (stack[0] as Frame).dropped ?? [];
  if (/\son[a-z]+\s*=/i.test(attrs) || /javascript:/i.test(attrs)) {
    result.issues.push({ code: 'html-dropped', message: `<${name}> with script attributes dropped` });
    if (!closing && !selfClosing) (stack[0] as Frame).dropped = [...dropped, name];
    return;
  }
  if (closing && dropped.includes(name)) {
    dropped.splice(dropped.lastIndexOf(name), 1);
    return;
  }
  const frame = FRAME_TAGS[name];
  if (frame) {
    if (!closing) {
      if (!selfClosing) stack.push({ kind: frame, tag: name, children: [] });
      return;
    }
    const at = findFrame(stack, name);
    if (at > 0) closeFrames(stack, at);
    return;
  }
  if (QUIET.has(name)) return;
  literal();
}

function findFrame(stack: Frame[], tag: string): number {
  for (let i = stack.length - 1; i > 0; i--) if (stack[i]?.tag === tag) return i;
  return -1;
}

function closeFrames(stack: Frame[], downTo: number): void {
  while (stack.length > downTo) {
    const frame = stack.pop() as Frame;
    const parent = stack[stack.length - 1] as Frame;
    const node = frameNode(frame);
    if (node) parent.children.push(node);
  }
}

/** Finds `#tags` and `==highlights==` inside plain text. */
function splitText(text: string, result: InlineResult): Inline[] {
  if (!text.includes('==')) return splitTags(text, result);
  const out: Inline[] = [];
  const parts = text.split(HIGHLIGHT);
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      out.push({ type: 'keyterm', children: splitTags(part, result) });
    } else if (part !== '') {
      append(out, splitTags(part, result));
    }
  });
  return out;
}

function splitTags(text: string, result: InlineResult): Inline[] {
  const out: Inline[] = [];
  if (!text.includes('#')) {
    if (text !== '') out.push({ type: 'text', text });
    return out;
  }
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

/** The key terms of most lines: one frozen empty list shared by all of them. */
const NO_TERMS = Object.freeze([]) as unknown as string[];

/** Texts of the key terms in a line. */
export function keyTerms(nodes: Inline[]): string[] {
  // Key terms are the only nodes with children that matter here, and most lines have no node with children.
  if (!nodes.some((node) => 'children' in node)) return NO_TERMS;
  const out: string[] = [];
  for (const node of nodes) {
    if (node.type === 'keyterm') {
      const text = plainText(node.children).replace(/\s+/g, ' ').trim();
      if (text) out.push(text);
    } else if ('children' in node) {
      append(out, keyTerms(node.children));
    }
  }
  return out;
}

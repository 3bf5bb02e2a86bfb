/**
 * Stage 1 of the notes pipeline: split a note into front matter and one token
 * per line (a table is one token holding its rows). Obsidian `%% comments %%`
 * and HTML comments that start a line are removed here (also across lines), so
 * later stages never see them; a heading keeps its raw text because links match
 * headings as written.
 *
 * Block quotes and callouts: the `>` markers are taken off here and each line
 * inside is lexed as any other line (list items, paragraphs, tables, code),
 * carrying `quote`, the index of the innermost quote it is in. A `quote` token
 * opens each quote, with the callout's type, fold marker and title when its
 * first line is `[!type]+ title`.
 */

/** The innermost block quote or callout a line sits in: an index into the note's quotes. */
interface InQuote {
  quote?: number;
}

export type CellAlign = 'left' | 'center' | 'right' | null;

export type LineToken =
  | { type: 'blank'; line: number }
  | { type: 'rule'; line: number }
  | { type: 'heading'; line: number; level: number; raw: string; text: string; folded: boolean }
  | ({ type: 'item'; line: number; indent: number; ordered: boolean; text: string; task?: 'open' | 'done' } & InQuote)
  | ({ type: 'block-id'; line: number; id: string } & InQuote)
  | ({ type: 'paragraph'; line: number; text: string } & InQuote)
  /** A fenced block (```` ``` ```` or `~~~`, or `$$` math): its lines as written, never parsed. */
  | ({ type: 'code'; line: number; text: string; lang: string; indent: number } & InQuote)
  /** `[^label]: text`, a footnote's definition. */
  | ({ type: 'footnote'; line: number; label: string; text: string } & InQuote)
  /** A GFM pipe table: header cells, alignment, then one entry per body row (cells as written). */
  | ({ type: 'table'; line: number; header: string[]; align: CellAlign[]; rows: { line: number; cells: string[]; extra: number }[] } & InQuote)
  /** A block quote opens here; `parent` is the quote around it (`>>`). */
  | { type: 'quote'; line: number; index: number; parent: number | null; callout: { type: string; fold: '' | '+' | '-'; title: string } | null };

export interface LexedNote {
  /** YAML source of the front matter, or null when the file has none. */
  frontMatter: string | null;
  frontMatterLine: number;
  tokens: LineToken[];
  /** Line of a `%%` comment that never closed, if any. */
  unclosedCommentLine: number | null;
  /** Line of an HTML comment (`<!--` starting a line) that never closed, if any. */
  unclosedHtmlCommentLine: number | null;
}

const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const HEADING_EMPTY = /^ {0,3}(#{1,6})[ \t]*$/;
const ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const TASK = /^\[([ xX\-/>!?<*])\][ \t]+(.*)$/;
const BLOCK_ALONE = /^[ \t]*\^([A-Za-z0-9-]+)[ \t]*$/;
/** Fences may be indented (inside a list item); the info string's first word is the language. */
const FENCE = /^([ \t]*)(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const MATH_FENCE = /^([ \t]*)\$\$[ \t]*$/;
const FOLD = /%%\s*fold\s*%%/i;
/**
 * Only `===` underlines a setext heading here: a `---` under a line stays a rule,
 * because notes use it as a separator far more often than as a heading.
 */
const SETEXT = /^ {0,3}(=+)[ \t]*$/;
const CALLOUT = /^\[!([^\]\s]+)\]([+-]?)[ \t]*(.*)$/;
const FOOTNOTE = /^\[\^([^\]\s]+)\]:[ \t]*(.*)$/;
const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/;

/** Column width of leading whitespace, tabs counted to the next multiple of 4. */
export function indentWidth(whitespace: string): number {
  let width = 0;
  for (const ch of whitespace) width = ch === '\t' ? width + 4 - (width % 4) : width + 1;
  return width;
}

/**
 * Removes `%% ... %%` comments from one line. `open` says whether a comment
 * started on an earlier line; the result says whether one is still open.
 */
export function stripComments(text: string, open: boolean): { text: string; open: boolean } {
  let out = '';
  let inComment = open;
  let i = 0;
  while (i < text.length) {
    const next = text.indexOf('%%', i);
    if (next < 0) {
      if (!inComment) out += text.slice(i);
      break;
    }
    if (!inComment) out += text.slice(i, next);
    inComment = !inComment;
    i = next + 2;
  }
  return { text: out, open: inComment };
}

/**
 * Removes HTML comments that start a line (`<!-- ... -->`, maybe across lines),
 * as Obsidian hides them. A comment in the middle of a line is left to the
 * inline stage, which drops it when it closes on the line.
 */
export function stripHtmlComments(text: string, open: boolean): { text: string; open: boolean } {
  let rest = text;
  if (open) {
    const end = rest.indexOf('-->');
    if (end < 0) return { text: '', open: true };
    rest = rest.slice(end + 3);
  }
  while (/^[ \t]*<!--/.test(rest)) {
    const start = rest.indexOf('<!--');
    const end = rest.indexOf('-->', start + 4);
    if (end < 0) return { text: '', open: true };
    rest = rest.slice(end + 3);
  }
  return { text: rest, open: false };
}

/** Takes the `>` markers off a line: how many, and the text after them. */
export function splitQuote(text: string): { depth: number; rest: string } {
  let depth = 0;
  let rest = text;
  for (let m = /^ {0,3}>[ \t]?/.exec(rest); m; m = /^ {0,3}>[ \t]?/.exec(rest)) {
    depth++;
    rest = rest.slice(m[0].length);
  }
  return { depth, rest };
}

/**
 * Splits a table row into cells. `\|` is a pipe inside a cell (and becomes a
 * plain `|`, so `[[note\|alias]]` is a wiki-link with an alias); a `|` inside
 * `[[...]]` does not split either, as authors often forget to escape it.
 */
export function splitCells(row: string): string[] {
  let text = row.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  // A cell is taken as slices of the row (`\\|` ends a slice and adds a `|`), never a character at a time.
  let cell = '';
  let from = 0;
  let inWiki = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c && text.charCodeAt(i + 1) === 0x7c) {
      cell += `${text.slice(from, i)}|`;
      i++;
      from = i + 1;
    } else if (ch === 0x5b && !inWiki && text.charCodeAt(i + 1) === 0x5b) {
      inWiki = true;
      i++;
    } else if (ch === 0x5d && inWiki && text.charCodeAt(i + 1) === 0x5d) {
      inWiki = false;
      i++;
    } else if (ch === 0x7c && !inWiki) {
      cells.push((cell + text.slice(from, i)).trim());
      cell = '';
      from = i + 1;
    }
  }
  cells.push((cell + text.slice(from)).trim());
  return cells;
}

/** The alignment of each column if `line` is a delimiter row (`| :-- | --: |`), else null. */
function delimiterRow(line: string): CellAlign[] | null {
  if (!line.includes('|') && !/^\s*:?-+:?\s*$/.test(line)) return null;
  const cells = splitCells(line);
  if (cells.length === 0 || !cells.every((c) => DELIMITER_CELL.test(c))) return null;
  return cells.map((c) => {
    const left = c.startsWith(':');
    const right = c.endsWith(':');
    return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
  });
}

interface OpenFence {
  marker: string;
  indent: number;
  depth: number;
  token: Extract<LineToken, { type: 'code' }>;
  lines: string[];
}

/** Splits a note's text into front matter and line tokens. */
export function lexLines(source: string): LexedNote {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let start = 0;
  let frontMatter: string | null = null;
  // Front matter only when the very first line is `---`; a blank line first makes it a rule.
  if (lines.length > 1 && /^---[ \t]*$/.test(lines[0] ?? '')) {
    const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(l));
    if (end > 0) {
      frontMatter = lines.slice(1, end).join('\n');
      start = end + 1;
    }
  }

  const tokens: LineToken[] = [];
  let commentOpen = false;
  let commentStart = 0;
  let htmlOpen = false;
  let htmlStart = 0;
  let fence: OpenFence | null = null;
  /** Open quotes, outermost first: their indexes. */
  const quotes: number[] = [];
  let quoteCount = 0;
  let table: Extract<LineToken, { type: 'table' }> | null = null;
  let tableDepth = 0;
  const inQuote = (): InQuote => (quotes.length > 0 ? { quote: quotes[quotes.length - 1] as number } : {});

  for (let i = start; i < lines.length; i++) {
    const line = i + 1;
    const rawLine = lines[i] ?? '';
    if (fence !== null) {
      const open: OpenFence = fence;
      const split = splitQuote(rawLine);
      if (split.depth < open.depth) {
        fence = null; // the quote around the fence ended, and the fence with it
      } else {
        const body = open.depth > 0 ? splitQuote(rawLine).rest : rawLine;
        const closing = /^[ \t]*(`{3,}|~{3,}|\$\$)[ \t]*$/.exec(body);
        if (closing && (closing[1] ?? '')[0] === open.marker[0] && (closing[1] ?? '').length >= open.marker.length) {
          fence = null;
        } else {
          open.lines.push(body.replace(new RegExp(`^[ \\t]{0,${open.indent}}`), ''));
          open.token.text = open.lines.join('\n');
        }
        continue;
      }
    }

    const wasOpen = commentOpen;
    const stripped = stripComments(rawLine, commentOpen);
    if (!wasOpen && stripped.open) commentStart = line;
    commentOpen = stripped.open;
    const htmlWasOpen = htmlOpen;
    const html = stripHtmlComments(stripped.text, htmlOpen);
    if (!htmlWasOpen && html.open) htmlStart = line;
    htmlOpen = html.open;
    const { depth, rest: text } = splitQuote(html.text);

    // Quotes: close the ones this line is not in, open the new ones (a callout when its first line says so).
    if (depth < quotes.length) quotes.length = depth;
    let calloutHeader = false;
    while (depth > quotes.length) {
      const index = quoteCount++;
      const innermost = quotes.length + 1 === depth;
      const callout = innermost ? CALLOUT.exec(text) : null;
      tokens.push({
        type: 'quote',
        line,
        index,
        parent: quotes.length > 0 ? (quotes[quotes.length - 1] as number) : null,
        callout: callout ? { type: (callout[1] ?? '').toLowerCase(), fold: (callout[2] ?? '') as '' | '+' | '-', title: (callout[3] ?? '').trim() } : null,
      });
      quotes.push(index);
      calloutHeader = callout !== null;
    }
    if (calloutHeader) continue;

    if (table !== null && (depth !== tableDepth || !text.includes('|') || text.trim() === '')) table = null;
    if (table !== null) {
      const cells = splitCells(text);
      const width = table.header.length;
      table.rows.push({ line, cells: [...cells.slice(0, width), ...Array<string>(Math.max(0, width - cells.length)).fill('')], extra: Math.max(0, cells.length - width) });
      continue;
    }

    const fenceMatch = wasOpen || htmlWasOpen ? null : (FENCE.exec(text) ?? MATH_FENCE.exec(text));
    if (fenceMatch) {
      // A fenced block is one token; its lines are shown as written, never parsed.
      const marker = fenceMatch[2] ?? '$$';
      const token: Extract<LineToken, { type: 'code' }> = {
        type: 'code',
        line,
        text: '',
        lang: fenceMatch.length > 3 ? (fenceMatch[3] ?? '') : 'math',
        indent: indentWidth(fenceMatch[1] ?? ''),
        ...inQuote(),
      };
      tokens.push(token);
      fence = { marker: marker.startsWith('$') ? '$$' : marker, indent: (fenceMatch[1] ?? '').length, depth, token, lines: [] };
      continue;
    }

    if (text.trim() === '') {
      tokens.push({ type: 'blank', line });
      continue;
    }

    // Setext headings: `Title` over `===`, right below a paragraph line outside quotes.
    const previous = tokens[tokens.length - 1];
    const setext = depth === 0 ? SETEXT.exec(text) : null;
    if (setext && previous?.type === 'paragraph' && previous.line === line - 1 && previous.quote === undefined) {
      const raw = previous.text;
      tokens[tokens.length - 1] = {
        type: 'heading',
        line: previous.line,
        level: 1,
        raw,
        text: collapse(stripComments(raw, false).text),
        folded: FOLD.test(raw),
      };
      continue;
    }
    if (RULE.test(text)) {
      tokens.push({ type: 'rule', line });
      continue;
    }
    const heading = depth === 0 && !wasOpen ? (HEADING.exec(rawLine) ?? HEADING_EMPTY.exec(rawLine)) : null;
    if (heading) {
      const raw = (heading[2] ?? '').trim();
      const clean = collapse(stripComments(raw, false).text);
      tokens.push({
        type: 'heading',
        line,
        level: (heading[1] ?? '#').length,
        raw,
        text: clean,
        folded: FOLD.test(raw),
      });
      continue;
    }
    if (depth > 0) {
      // A heading inside a callout belongs to the callout, not to the note's outline: a line of it.
      const inner = HEADING.exec(text);
      if (inner) {
        tokens.push({ type: 'paragraph', line, text: (inner[2] ?? '').trim(), ...inQuote() });
        continue;
      }
    }
    const alone = BLOCK_ALONE.exec(text);
    if (alone) {
      tokens.push({ type: 'block-id', line, id: alone[1] ?? '', ...inQuote() });
      continue;
    }
    if (text.includes('|')) {
      const next = lines[i + 1];
      const nextSplit = next === undefined ? null : splitQuote(stripComments(next, commentOpen).text);
      const align = nextSplit && nextSplit.depth === depth ? delimiterRow(nextSplit.rest) : null;
      const header = splitCells(text);
      if (align && align.length === header.length && !ITEM.test(text)) {
        table = { type: 'table', line, header, align, rows: [], ...inQuote() };
        tableDepth = depth;
        tokens.push(table);
        i++;
        continue;
      }
    }
    const footnote = FOOTNOTE.exec(text.trim());
    if (footnote) {
      tokens.push({ type: 'footnote', line, label: footnote[1] ?? '', text: (footnote[2] ?? '').trim(), ...inQuote() });
      continue;
    }
    const item = ITEM.exec(text);
    if (item) {
      let body = (item[3] ?? '').trim();
      const task = TASK.exec(body);
      if (task) body = (task[2] ?? '').trim();
      if (body === '') continue; // an empty bullet holds nothing to learn
      tokens.push({
        type: 'item',
        line,
        indent: indentWidth(item[1] ?? ''),
        ordered: /\d/.test(item[2] ?? ''),
        text: body,
        ...(task ? { task: task[1] === ' ' ? 'open' : 'done' } : {}),
        ...inQuote(),
      });
      continue;
    }
    tokens.push({ type: 'paragraph', line, text: text.trim(), ...inQuote() });
  }
  return {
    frontMatter,
    frontMatterLine: 1,
    tokens,
    unclosedCommentLine: commentOpen ? commentStart : null,
    unclosedHtmlCommentLine: htmlOpen ? htmlStart : null,
  };
}

/** Collapses runs of whitespace and trims. */
export function collapse(text: string): string {
  return needsCollapse(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/** Whitespace other than single spaces: two in a row, or a tab, line break, no-break space... */
const UNCOLLAPSED = /\s\s|[^\S ]/;

/** Whether `text.replace(/\s+/g, ' ')` would change it (most lines have single spaces only, and need no copy). */
export function needsCollapse(text: string): boolean {
  return UNCOLLAPSED.test(text);
}

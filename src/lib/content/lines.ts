/**
 * Stage 1 of the notes pipeline: split a note into front matter and one token
 * per line. Obsidian `%% comments %%` are removed here (also across lines), so
 * later stages never see them; a heading keeps its raw text because links match
 * headings as written.
 */

export type LineToken =
  | { type: 'blank'; line: number }
  | { type: 'rule'; line: number }
  | { type: 'heading'; line: number; level: number; raw: string; text: string; folded: boolean }
  | { type: 'item'; line: number; indent: number; ordered: boolean; text: string }
  | { type: 'block-id'; line: number; id: string }
  | { type: 'paragraph'; line: number; text: string }
  | { type: 'code'; line: number; text: string };

export interface LexedNote {
  /** YAML source of the front matter, or null when the file has none. */
  frontMatter: string | null;
  frontMatterLine: number;
  tokens: LineToken[];
  /** Line of a `%%` comment that never closed, if any. */
  unclosedCommentLine: number | null;
}

const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const HEADING_EMPTY = /^ {0,3}(#{1,6})[ \t]*$/;
const ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const BLOCK_ALONE = /^[ \t]*\^([A-Za-z0-9-]+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const FOLD = /%%\s*fold\s*%%/i;

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
  let fence: string | null = null;
  for (let i = start; i < lines.length; i++) {
    const line = i + 1;
    const rawLine = lines[i] ?? '';
    if (fence !== null) {
      const block = tokens[tokens.length - 1];
      if (rawLine.trimStart().startsWith(fence)) fence = null;
      else if (block?.type === 'code') block.text += (block.text === '' ? '' : '\n') + rawLine;
      continue;
    }
    const fenceMatch = commentOpen ? null : FENCE.exec(rawLine);
    if (fenceMatch) {
      // A fenced block is one token; its lines are shown as written, never parsed.
      fence = fenceMatch[1] ?? '```';
      tokens.push({ type: 'code', line, text: '' });
      continue;
    }
    const wasOpen = commentOpen;
    const stripped = stripComments(rawLine, commentOpen);
    if (!wasOpen && stripped.open) commentStart = line;
    commentOpen = stripped.open;
    const text = stripped.text;

    if (text.trim() === '') {
      tokens.push({ type: 'blank', line });
      continue;
    }
    if (RULE.test(text)) {
      tokens.push({ type: 'rule', line });
      continue;
    }
    const heading = HEADING.exec(rawLine) ?? HEADING_EMPTY.exec(rawLine);
    if (heading && !wasOpen) {
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
    const alone = BLOCK_ALONE.exec(text);
    if (alone) {
      tokens.push({ type: 'block-id', line, id: alone[1] ?? '' });
      continue;
    }
    const item = ITEM.exec(text);
    if (item) {
      const body = (item[3] ?? '').trim();
      if (body === '') continue; // an empty bullet holds nothing to learn
      tokens.push({
        type: 'item',
        line,
        indent: indentWidth(item[1] ?? ''),
        ordered: /\d/.test(item[2] ?? ''),
        text: body,
      });
      continue;
    }
    tokens.push({ type: 'paragraph', line, text: text.trim() });
  }
  return { frontMatter, frontMatterLine: 1, tokens, unclosedCommentLine: commentOpen ? commentStart : null };
}

/** Collapses runs of whitespace and trims. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

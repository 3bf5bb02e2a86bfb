/**
 * An inline tree as plain text. Kept apart from `inline.ts` (which holds the
 * markdown lexer) so that screens can use it without loading the parser.
 */
import type { Inline } from './types.ts';

/** The text a reader sees, markup removed. */
export function plainText(nodes: Inline[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'code':
      case 'math':
        out += node.text;
        break;
      case 'wikilink':
        out += node.text;
        break;
      case 'embed':
      case 'image':
      case 'footnote':
        // Shown, but not words of the fact: a card never asks for a file name.
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

/**
 * The most inline nodes drawn side by side. A line may hold 175,000
 * highlights (`==a` repeated), and drawing as many elements takes minutes;
 * past this many, the rest of the line is drawn as its plain text.
 */
export const MAX_DRAWN_NODES = 1000;

/** `nodes` as drawn: the first `MAX_DRAWN_NODES` as they are, then the rest as one text node (no word lost). */
export function drawnNodes(nodes: Inline[]): Inline[] {
  if (nodes.length <= MAX_DRAWN_NODES) return nodes;
  return [...nodes.slice(0, MAX_DRAWN_NODES), { type: 'text', text: plainText(nodes.slice(MAX_DRAWN_NODES)) }];
}

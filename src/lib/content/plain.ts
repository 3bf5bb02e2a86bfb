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

/**
 * The content model: what a folder of Obsidian-style notes becomes.
 *
 * Stages: `lexLines` (text -> line tokens) -> `parseNote` (tokens -> Note with
 * sections and facts) -> `buildVault` (notes -> Vault with resolved links and a
 * search index). Every stage is pure and plain data, so a compiled vault can be
 * serialised to JSON at build time and shipped to the browser as it is.
 */

/** A piece of rendered text. A tagged union, rendered by an exhaustive switch. */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'del'; children: Inline[] }
  | { type: 'code'; text: string }
  /** Text the author marked: `<mark>`, `<span style=color>`, `==highlight==`. */
  | { type: 'keyterm'; children: Inline[] }
  /** A wiki-link; `link` indexes `Note.links`. */
  | { type: 'wikilink'; link: number; text: string }
  /** A Markdown link to an http(s) or mailto address. */
  | { type: 'extlink'; href: string; children: Inline[] }
  | { type: 'tag'; tag: string }
  | { type: 'br' };

export type WarningCode =
  | 'malformed-link'
  | 'empty-link'
  | 'unresolved-heading'
  | 'unresolved-block'
  | 'heading-path-fallback'
  | 'duplicate-block-id'
  | 'front-matter'
  | 'template-title'
  | 'unsafe-link'
  | 'html-dropped'
  | 'unclosed-comment';

/** Something worth telling the author, pointing at a file and a 1-based line. */
export interface ContentWarning {
  file: string;
  line: number;
  code: WarningCode;
  message: string;
}

/** Where a wiki-link points, as written (after comment removal). */
export interface LinkTarget {
  /** Note name; empty for a same-note link such as `[[#heading]]`. */
  note: string;
  /** Heading path segments for `[[note#a#b]]`. */
  headings: string[];
  /** Block id without the caret, for `[[note#^id]]`. */
  block?: string;
}

export type LinkKind = 'note' | 'heading' | 'block' | 'file' | 'empty';

/** Where a link landed inside the vault. */
export interface LinkResolution {
  note: string;
  sectionId?: string;
  factId?: string;
}

export interface Link {
  /** The text between the brackets, as written. */
  raw: string;
  kind: LinkKind;
  target: LinkTarget;
  /** What the reader sees: the alias, else the target. */
  text: string;
  line: number;
  /** Set when the link was repaired from a malformed form. */
  malformed?: string;
  /** Filled by `buildVault`; `null` when the target is not in the vault. */
  resolved: LinkResolution | null;
}

export interface ExternalLink {
  text: string;
  href: string;
  line: number;
}

export type FactKind = 'bullet' | 'ordered' | 'paragraph';

/** One line of knowledge: a list item or a paragraph line. */
export interface Fact {
  /** Stable: `noteId^blockId` when the line has a block id, else a content hash. */
  id: string;
  noteId: string;
  sectionId: string;
  line: number;
  kind: FactKind;
  /** Nesting depth inside its list, 0 for top level. */
  depth: number;
  parentId: string | null;
  childIds: string[];
  /** Plain display text, comments and markup removed. */
  text: string;
  inline: Inline[];
  blockId?: string;
  keyTerms: string[];
  /** Texts of the ancestor facts, outermost first. */
  context: string[];
  /** Indexes into `Note.links` of the wiki-links on this line. */
  links: number[];
}

export type SectionRole = 'content' | 'summary' | 'toc' | 'resources' | 'tags';

export interface Section {
  /** Anchor inside the note, unique per note: a slug of the heading path. */
  id: string;
  noteId: string;
  /** 1 for the note's top (H1 or the text before any heading), 2-6 for headings. */
  level: number;
  /** Heading as written, comments included (used for link matching). */
  rawHeading: string;
  /** Heading for display: comments removed, whitespace collapsed. */
  title: string;
  /** Titles of the ancestor sections and this one, note top excluded. */
  path: string[];
  line: number;
  parentId: string | null;
  childIds: string[];
  /** `%% fold %%` in the heading: show the section folded. */
  folded: boolean;
  role: SectionRole;
  blockId?: string;
  /** Ids of the facts directly in this section, in order (all depths). */
  factIds: string[];
  /** Lines of a navigation section (table of contents, resources, tags): shown, but not facts to learn. */
  items?: Fact[];
}

export interface Note {
  /** The file name without `.md`: what wiki-links use. */
  id: string;
  file: string;
  title: string;
  titleSource: 'h1' | 'front-matter' | 'file-name';
  description: string;
  frontMatter: Record<string, unknown>;
  tags: string[];
  sections: Section[];
  facts: Fact[];
  links: Link[];
  externalLinks: ExternalLink[];
  /** Block id -> fact id or section id it anchors. */
  blocks: Record<string, { factId?: string; sectionId?: string }>;
  /** Facts of the key insights block: the note's summary. */
  summaryFactIds: string[];
}

export interface LinkStats {
  total: number;
  resolved: number;
  blockRefs: number;
  blockRefsResolved: number;
  headingRefs: number;
  headingRefsResolved: number;
}

export interface Vault {
  notes: Note[];
  warnings: ContentWarning[];
  stats: { notes: number; sections: number; facts: number; links: LinkStats };
}

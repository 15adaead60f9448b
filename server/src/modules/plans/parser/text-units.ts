import type { Block } from './outline.js';

/** One item's text with where it is, and the texts of the items that enclose it. */
export interface TextUnit {
  text: string;
  line: number;
  /** The item's own text, without its paragraphs. */
  head: string;
  ancestors: string[];
}

/** Every item of the outline in document order. */
export function textUnits(roots: Block[]): TextUnit[] {
  const out: TextUnit[] = [];
  const walk = (blocks: Block[], ancestors: string[]) => {
    for (const b of blocks) {
      const text = [b.text, ...b.body.map((p) => p.text)].filter(Boolean).join('\n');
      out.push({ text, line: b.line, head: b.text, ancestors });
      if (b.children.length) walk(b.children, [...ancestors, b.text]);
    }
  };
  walk(roots, []);
  return out;
}

/** Sentences of a text: split after ".", "!", "?" before a capital or an opening bracket. */
export function sentences(text: string): string[] {
  return text
    .split(/\n|(?<=[.!?])\s+(?=[\p{Lu}(“"])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A parser warning, with the line of the source text it is about when it names one. */
export interface SourceWarning {
  line: number | null;
  text: string;
}

const LINE_PREFIX = /^Dòng\s+(\d+)\s*:\s*/u;

/**
 * Splits the import warnings by line. The parser starts a warning about one line with "Dòng N:";
 * the others (and any naming a line the text does not have) are about the whole document.
 */
export function sortWarnings(warnings: string[], lineCount: number): { general: SourceWarning[]; byLine: Map<number, SourceWarning[]> } {
  const general: SourceWarning[] = [];
  const byLine = new Map<number, SourceWarning[]>();
  for (const w of warnings) {
    const m = LINE_PREFIX.exec(w);
    const line = m ? Number(m[1]) : null;
    if (line === null || line < 1 || line > lineCount) {
      general.push({ line, text: w });
      continue;
    }
    const list = byLine.get(line) ?? [];
    list.push({ line, text: w.slice(m![0].length) });
    byLine.set(line, list);
  }
  return { general, byLine };
}

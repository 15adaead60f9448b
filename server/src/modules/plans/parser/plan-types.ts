import type { MilestoneKind } from '@thidua/contracts';

// The shapes a plan import produces. A ParsedPlan is a draft for the review screen, never the
// truth: every field may be missing, and `warnings` says where the parser was unsure.

/** One node of an outline or of a criteria (tiêu chí) tree. */
export interface PlanNode {
  /** The label as written ("I", "1", "1.1", "a", "-", "+"); in criteria trees a path ("2.3"). Empty for a plain paragraph. */
  code: string;
  /** The item's text; the paragraphs that follow it without a marker come after a newline. */
  text: string;
  /** Max points (điểm tối đa) from "(10 điểm)", "tối đa 10 điểm" or a points column. */
  maxPoints?: number;
  /** A veto criterion (điểm liệt): not met caps the classification, whatever the total. */
  veto?: boolean;
  children: PlanNode[];
  /** Where the item starts (line of a text file, paragraph of a .docx, row of a sheet), for the review screen. */
  line?: number;
}

// The kinds are the contracts' own, so that a kind the parser finds is one the API and the review screen know.
export type { MilestoneKind } from '@thidua/contracts';

export interface PlanMilestone {
  year: number;
  /** ISO date when the document gives the day. */
  date?: string;
  label: string;
  kind: MilestoneKind;
  line?: number;
}

/** How often a report with this deadline is due. */
export type DeadlinePeriod = 'month' | 'quarter' | 'six_months' | 'year' | 'once';

export interface PlanDeadline {
  day: number;
  month: number;
  /** Only when the document fixes the year ("trước ngày 30/11/2024"). */
  year?: number;
  period: DeadlinePeriod;
  recipient?: string;
  text: string;
  line?: number;
}

export type SourceFormat = 'docx' | 'xlsx' | 'text';

export interface ParsedPlan {
  /** "6344" of "Số: 6344/KH-UBND"; null when the document has none (or a blank one). */
  number: string | null;
  /** "KH-UBND" of "Số: 6344/KH-UBND". */
  code: string | null;
  issuer: string | null;
  /** The signer's name (người ký) under the signature: "Nguyễn Văn An". */
  signer: string | null;
  place: string | null;
  /** ISO date (yyyy-mm-dd) of "…, ngày 08 tháng 8 năm 2019". */
  date: string | null;
  title: string | null;
  /** "Kế hoạch", "Chỉ thị", "Hướng dẫn"… as the document names itself. */
  documentType: string | null;
  /** The movement's period (giai đoạn 2019-2025). */
  period: { from: number; to: number } | null;
  /** The body as a reader sees it: sections, items, paragraphs. */
  sections: PlanNode[];
  criteria: { collective: PlanNode[]; individual: PlanNode[] };
  milestones: PlanMilestone[];
  deadlines: PlanDeadline[];
  /** Award forms (hình thức khen thưởng), normalised: "Bằng khen của Thủ tướng Chính phủ". */
  awardForms: string[];
  /** Emulation titles (danh hiệu thi đua) named in the document: "Lao động tiên tiến"… */
  titles: string[];
  /** Vietnamese, each starting with "Dòng N:" when it is about one line. */
  warnings: string[];
  source: { format: SourceFormat; lines: number };
}

/**
 * One line (paragraph, table row, sheet row) handed by a reader to the outline parser.
 * Readers never decide structure; they only pass on what the file states explicitly.
 */
export interface SourceLine {
  /** 1-based: the text line, the .docx paragraph, or the sheet row. */
  n: number;
  text: string;
  /** A label the file gives outside the text: Word's automatic numbering, a STT column. */
  label?: string;
  /** Word's list level (ilvl) of an automatically numbered paragraph. */
  listLevel?: number;
  /** Word heading style level (Heading 1 → 1). */
  headingLevel?: number;
  /** Points from a points column. */
  points?: number;
  /** Lines of one table share an id: their numbering starts a scope of its own. */
  tableId?: number;
  /** A sheet or table whose name says whom its criteria are for. */
  subject?: Subject;
  /** Leading spaces of a text line (a tab counts 4): equal indents make different bullets siblings. */
  indent?: number;
  /** An empty line came before this one (page breaks and paragraph gaps in text files). */
  blankBefore?: boolean;
}

export type Subject = 'collective' | 'individual';

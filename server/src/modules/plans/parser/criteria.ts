import { capitalise, squash } from './normalize.js';
import type { Block, Note } from './outline.js';
import type { PlanNode, Subject } from './plan-types.js';
import { extractPoints } from './points.js';
import { subjectOfHeading } from './subjects.js';

// The criteria (tiêu chí) of a plan: the part under "Đối với tập thể" / "Đối với cá nhân" (or
// "Tiêu chí đối với…", "a) Tập thể:", a sheet named "Cá nhân"…). A plan often names its subjects
// more than once ("Đối tượng: a) Tập thể…", "Nội dung: a) Đối với tập thể…", "Tiêu chuẩn thi đua:
// a) Đối với tập thể…"): the heading under a criteria section wins over one under the movement's
// content, and headings under "đối tượng" or "khen thưởng" never count.

const STRONG = /tiêu\s*chí|tiêu\s*chuẩn|chấm\s*điểm|thang\s*điểm|bảng\s*điểm/iu;
const MEDIUM = /nội\s*dung|chủ\s*đề/iu;
const NEGATIVE = /^(?:đối\s*tượng|phạm\s*vi|khen\s*thưởng|hình\s*thức|tổ\s*chức\s*thực\s*hiện|trách\s*nhiệm|nhiệm\s*vụ|giải\s*pháp|phân\s*công|mục\s*đích|yêu\s*cầu|thời\s*gian|tiến\s*độ|kinh\s*phí)/iu;

interface Candidate {
  block: Block;
  parent: Block | null;
  subject: Subject;
  score: number;
  size: number;
}

function headOf(text: string): string {
  const t = text.trim();
  const colon = t.indexOf(':');
  return (colon >= 0 ? t.slice(0, colon) : t).slice(0, 160);
}

function contextScore(ancestors: Block[]): number | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const h = headOf(ancestors[i]!.text);
    if (STRONG.test(h)) return 3;
    if (NEGATIVE.test(h) && !MEDIUM.test(h)) return null;
    if (MEDIUM.test(h)) return 2;
  }
  return 1;
}

function size(b: Block): number {
  return b.children.reduce((n, c) => n + 1 + size(c), 0) + b.body.length;
}

/** "Đối với cá nhân: chấp hành tốt…; hoàn thành…; không vi phạm…" — the items after the colon. */
function semicolonItems(b: Block): string[] {
  const colon = b.text.indexOf(':');
  if (colon < 0) return [];
  const parts = b.text
    .slice(colon + 1)
    .split(';')
    .map((p) => squash(p).replace(/[.,]$/, ''))
    .filter(Boolean);
  return parts.length >= 2 ? parts : [];
}

function cleanCriterion(text: string): { text: string; points?: number; ambiguous?: number[]; veto: boolean } {
  const p = extractPoints(squash(text));
  // List items end with ";" or "." in the document; a criterion does not ("…" stays).
  const clean = p.text.replace(/(?<!\.)\.$/u, '').replace(/[\s;:,]+$/u, '');
  // "(50 điểm - điểm liệt)" leaves the text with its points; the mark stays on the criterion.
  return { text: clean, points: p.points, ambiguous: p.ambiguous, veto: p.veto === true || VETO.test(clean) };
}

const NUMBERED = new Set(['roman', 'arabic', 'letter', 'multi', 'upper', 'article', 'part']);

/** "(điểm liệt)", "Điểm liệt:", "là tiêu chí liệt": failing it caps the classification. */
const VETO = /điểm\s+liệt|tiêu\s+chí\s+liệt/iu;

/**
 * "Có biển tên (5đ); có nơi để xe (5đ); khuôn viên xanh (5đ)": several criteria written in one
 * item, each with its own points. Null unless every part carries points.
 */
function pointedParts(text: string): string[] | null {
  const parts = text.split(';').map((p) => squash(p)).filter(Boolean);
  if (parts.length < 2) return null;
  return parts.every((p) => extractPoints(p).points !== undefined) ? parts : null;
}

function toNodes(blocks: Block[], path: string, notes: Note[]): PlanNode[] {
  const out: PlanNode[] = [];
  for (const b of blocks) {
    const parts = !b.children.length && !b.body.length ? pointedParts(b.text) : null;
    if (parts) {
      notes.push({ line: b.line, message: `tách ${parts.length} tiêu chí viết liền, mỗi tiêu chí có điểm riêng, ngăn bởi dấu ";"` });
      for (const part of parts) out.push(...nodesOf([{ ...b, points: undefined, text: capitalise(part), family: 'bullet', code: '' }], path, notes, out.length));
    } else {
      out.push(...nodesOf([b], path, notes, out.length));
    }
  }
  return out;
}

function nodesOf(blocks: Block[], path: string, notes: Note[], start: number): PlanNode[] {
  return blocks.map((b, j) => {
    const i = start + j;
    let seg = String(i + 1);
    let code: string;
    if (NUMBERED.has(b.family) && b.code) {
      if (b.family === 'multi' && (!path || b.code.startsWith(`${path}.`))) code = b.code;
      else {
        seg = b.family === 'multi' ? b.code.split('.').pop()! : b.code;
        code = path ? `${path}.${seg}` : seg;
      }
    } else {
      code = path ? `${path}.${seg}` : seg;
    }
    const c = cleanCriterion(b.text);
    const points = b.points ?? c.points;
    if (b.points === undefined && c.ambiguous) notes.push({ line: b.line, message: `có nhiều mức điểm (${c.ambiguous.join(', ')}) trong một tiêu chí: đã lấy ${c.points}` });
    const text = [c.text, ...b.body.map((p) => squash(p.text))].filter(Boolean).join('\n');
    const veto = c.veto || b.veto === true || VETO.test(text);
    const node: PlanNode = {
      code,
      text,
      ...(points !== undefined ? { maxPoints: points } : {}),
      ...(veto ? { veto: true } : {}),
      children: toNodes(b.children, code, notes),
      line: b.line,
    };
    checkSum(node, notes);
    return node;
  });
}

function checkSum(node: PlanNode, notes: Note[]) {
  if (node.maxPoints === undefined || !node.children.length) return;
  if (!node.children.every((c) => c.maxPoints !== undefined)) return;
  const sum = Math.round(node.children.reduce((s, c) => s + c.maxPoints!, 0) * 100) / 100;
  if (sum !== node.maxPoints) notes.push({ line: node.line ?? 0, message: `tổng điểm các mục con (${sum}) khác điểm tối đa của mục "${node.code}" (${node.maxPoints})` });
}

function criteriaOf(b: Block, notes: Note[], path = ''): PlanNode[] {
  const at = (i: number) => (path ? `${path}.${i + 1}` : String(i + 1));
  if (b.children.length) return toNodes(b.children, path, notes);
  const items = semicolonItems(b);
  if (items.length) {
    notes.push({ line: b.line, message: `tách ${items.length} tiêu chí viết liền, ngăn bởi dấu ";"` });
    return items.map((t, i) => {
      const c = cleanCriterion(t);
      return { code: at(i), text: capitalise(c.text), ...(c.points !== undefined ? { maxPoints: c.points } : {}), ...(c.veto ? { veto: true } : {}), children: [], line: b.line };
    });
  }
  // A heading followed by plain paragraphs: each paragraph is one criterion.
  return b.body.map((p, i) => {
    const c = cleanCriterion(p.text);
    return { code: at(i), text: c.text, ...(c.points !== undefined ? { maxPoints: c.points } : {}), ...(c.veto ? { veto: true } : {}), children: [], line: p.line };
  });
}

export function extractCriteria(roots: Block[]): { collective: PlanNode[]; individual: PlanNode[]; notes: Note[] } {
  const notes: Note[] = [];
  const candidates: Candidate[] = [];

  const walk = (blocks: Block[], ancestors: Block[]) => {
    for (const b of blocks) {
      const match = b.subject ? { subject: b.subject, explicit: true } : subjectOfHeading(b.text);
      if (match) {
        const ctx = b.subject ? 3 : contextScore(ancestors);
        if (ctx !== null) {
          const score = STRONG.test(headOf(b.text)) ? 3 : ctx;
          const content = b.children.length > 0 || b.body.length > 0 || semicolonItems(b).length > 0;
          if ((match.explicit || score >= 2) && content) candidates.push({ block: b, parent: ancestors[ancestors.length - 1] ?? null, subject: match.subject, score, size: size(b) });
        }
        // A subject named inside another ("+ Đối với cán bộ quản lý: …") is part of its criteria.
        continue;
      }
      walk(b.children, [...ancestors, b]);
    }
  };
  walk(roots, []);

  // Several headings for one subject side by side ("… tập thể Khối Đảng", "… tập thể Khối nhà
  // nước") are groups of one tree; elsewhere in the document, the longest one wins.
  const groups = new Map<Subject, Candidate[]>();
  const pick = (subject: Subject): Candidate | null => {
    const list = candidates.filter((c) => c.subject === subject).sort((a, b) => b.score - a.score || b.size - a.size);
    const best = list[0];
    if (!best) return null;
    const rivals = list.filter((c) => c !== best && c.score === best.score);
    const siblings = rivals.filter((c) => c.parent === best.parent);
    const who = subject === 'collective' ? 'tập thể' : 'cá nhân';
    if (siblings.length) {
      const group = [best, ...siblings].sort((a, b) => a.block.line - b.block.line);
      groups.set(subject, group);
      notes.push({ line: group[0]!.block.line, message: `có ${group.length} nhóm tiêu chí cho ${who} (dòng ${group.map((c) => c.block.line).join(', ')}): giữ thành ${group.length} nhóm` });
    } else if (rivals.length) {
      notes.push({ line: best.block.line, message: `có ${rivals.length + 1} mục tiêu chí cho ${who} (dòng ${[best, ...rivals].map((c) => c.block.line).join(', ')}): đã lấy mục dài nhất` });
    }
    return best;
  };

  let collective = pick('collective');
  let individual = pick('individual');

  // No subject heading: a criteria section or a criteria table whose subject is not named.
  if (!collective && !individual) {
    const section = findCriteriaSection(roots);
    if (section) {
      notes.push({ line: section.line, message: 'không rõ tiêu chí dành cho tập thể hay cá nhân: tạm xếp vào tiêu chí tập thể, chọn lại khi rà soát' });
      collective = { block: section, parent: null, subject: 'collective', score: 0, size: size(section) };
    }
  }
  if (!collective && !individual) {
    notes.push({ line: 0, message: 'không tìm thấy mục tiêu chí thi đua ("Đối với tập thể", "Đối với cá nhân", bảng điểm): chọn hoặc nhập tiêu chí khi rà soát' });
  } else if (!collective) {
    notes.push({ line: 0, message: 'không tìm thấy tiêu chí dành cho tập thể' });
  } else if (!individual) {
    notes.push({ line: 0, message: 'không tìm thấy tiêu chí dành cho cá nhân' });
  }

  const treeOf = (subject: Subject, c: Candidate | null): PlanNode[] => {
    const group = groups.get(subject);
    if (!group) return c ? criteriaOf(c.block, notes) : [];
    return group.map((g, i) => {
      const head = cleanCriterion(g.block.text);
      return { code: String(i + 1), text: head.text, ...(g.block.points !== undefined ? { maxPoints: g.block.points } : {}), children: criteriaOf(g.block, notes, String(i + 1)), line: g.block.line };
    });
  };
  const result = {
    collective: treeOf('collective', collective),
    individual: treeOf('individual', individual),
  };
  for (const [c, nodes] of [
    [collective, result.collective],
    [individual, result.individual],
  ] as const) {
    if (!c || c.block.points === undefined || !nodes.length || !nodes.every((n) => n.maxPoints !== undefined)) continue;
    const sum = Math.round(nodes.reduce((s, n) => s + n.maxPoints!, 0) * 100) / 100;
    if (sum !== c.block.points) notes.push({ line: c.block.line, message: `tổng điểm các tiêu chí (${sum}) khác tổng điểm ghi ở đầu mục (${c.block.points})` });
  }
  return { ...result, notes };
}

/** A section headed "Tiêu chí…"/"Bảng chấm điểm…", or the rows of a table that carry points. */
function findCriteriaSection(roots: Block[]): Block | null {
  let found: Block | null = null;
  const walk = (blocks: Block[]) => {
    for (const b of blocks) {
      if (found) return;
      // With items below it, or as prose: "Tiêu chuẩn thi đua: A; B; C".
      const content = b.children.length > 0 || semicolonItems(b).length > 0;
      if (content && /^(?:các\s+)?(?:tiêu\s*chí|tiêu\s*chuẩn|bảng\s*(?:chấm\s*)?điểm|thang\s*điểm|nội\s*dung\s*chấm\s*điểm)/iu.test(b.text.trim())) {
        found = b;
        return;
      }
      walk(b.children);
    }
  };
  walk(roots);
  if (found) return found;
  // Rows of a criteria table directly under some item.
  const withPoints = (b: Block): boolean => b.points !== undefined || b.children.some(withPoints);
  const search = (parent: Block | null, blocks: Block[]): Block | null => {
    const rows = blocks.filter((b) => b.fromTable && withPoints(b));
    if (rows.length >= 2) return { code: '', kind: 'table', family: 'para', text: parent?.text ?? '', line: rows[0]!.line, body: [], children: rows };
    for (const b of blocks) {
      const r = search(b, b.children);
      if (r) return r;
    }
    return null;
  };
  return search(null, roots);
}

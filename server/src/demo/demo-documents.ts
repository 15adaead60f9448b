import type { Actor } from '../platform/actor.js';
import type { AppContext } from '../platform/context.js';
import { saveDocumentSettings } from '../modules/org/document-settings.service.js';

// The demonstration units' document settings (thể thức văn bản), set through the real service as
// the province's standing officer would: the ward prints "ỦY BAN NHÂN DÂN / PHƯỜNG NHA TRANG" and
// signs for its committee (its chairman is the "thutruong" account); the Department of Home Affairs
// prints "UBND TỈNH KHÁNH HÒA / SỞ NỘI VỤ", signed by its deputy director for the director (the
// "hoidong" account). The school is left on what the tree suggests, to show both.

export async function generateDemoDocumentSettings(ctx: AppContext, standing: Actor, units: { ward: number; homeAffairs: number | null }): Promise<number> {
  await saveDocumentSettings(ctx, standing, units.ward, {
    governingBody: 'ỦY BAN NHÂN DÂN',
    issuingBody: 'PHƯỜNG NHA TRANG',
    codeSuffix: 'UBND',
    place: 'Nha Trang',
    signPrefix: 'TM.',
    signAuthority: 'ỦY BAN NHÂN DÂN',
    signerTitle: 'CHỦ TỊCH',
    signerName: 'Phạm Minh Tuấn',
  });
  if (units.homeAffairs === null) return 1;
  await saveDocumentSettings(ctx, standing, units.homeAffairs, {
    governingBody: 'UBND TỈNH KHÁNH HÒA',
    issuingBody: 'SỞ NỘI VỤ',
    codeSuffix: 'SNV',
    place: 'Khánh Hòa',
    signPrefix: 'KT.',
    signAuthority: 'GIÁM ĐỐC',
    signerTitle: 'PHÓ GIÁM ĐỐC',
    signerName: 'Lê Văn Hùng',
  });
  return 2;
}

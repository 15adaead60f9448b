// Certificates benchmark (issue 10): 10,000 certificates (giấy chứng nhận) of one decision rendered
// into one PDF, as GET /api/award-rounds/:id/certificates.pdf renders them. Target: under 60 s on
// two cores. Prints the time, the pages a second, the file's size and the process's peak memory;
// writes bench/results/certificates.json; asserts nothing.
//
//   npm run bench:certificates                  # 10,000
//   npm run bench:certificates -- --count 2000
import { Random } from '../server/src/demo/random.js';
import { randomName } from '../server/src/demo/names.js';
import { renderCertificates, type Certificate } from '../server/src/modules/commendations/certificates.js';
import { numberArg, writeResult } from './lib/temp-database.js';

const count = numberArg('count', 10_000);
const rng = new Random(2026);
const list: Certificate[] = Array.from({ length: count }, (_, i) => ({
  authority: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA',
  heading: 'GIẤY CHỨNG NHẬN',
  verb: 'Công nhận danh hiệu',
  name: randomName(rng, i % 2 ? 'female' : 'male').fullName,
  position: i % 3 ? 'Giáo viên' : 'Chuyên viên',
  unitName: `Trường Tiểu học số ${(i % 400) + 1} phường Nha Trang`,
  achievement: 'LAO ĐỘNG TIÊN TIẾN NĂM 2026',
  year: 2026,
  reference: '1520/QĐ-UBND',
  signedOn: '2026-12-20',
  place: 'Khánh Hòa',
  signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
  signerName: 'Nguyễn Văn Hiệu',
}));

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const started = performance.now();
const pdf = await renderCertificates(list, 'Giấy chứng nhận');
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);

const figures = {
  certificates: count,
  seconds: Math.round(seconds * 100) / 100,
  perSecond: Math.round(count / seconds),
  fileMiB: Math.round((pdf.length / 2 ** 20) * 10) / 10,
  peakRssMiB: Math.round(peak / 2 ** 20),
  targetSeconds: 60,
};
console.log(`${count} giấy chứng nhận → 1 PDF: ${figures.seconds} s (${figures.perSecond}/s), ${figures.fileMiB} MiB, bộ nhớ đỉnh ${figures.peakRssMiB} MiB (mục tiêu < 60 s)`);
writeResult('certificates', figures);

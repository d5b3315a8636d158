// Evidence files for the demo's submissions: a one-page PDF report and a PNG "photo", small, made
// here byte for byte (the same bytes every run, so a second run's upload is the same request) and
// genuine enough for a viewer to open, so that the review workbench has something to preview.
import { deflateSync } from 'node:zlib';
import type { EvidenceFile } from './client';

/** A one-page PDF whose lines are set in Helvetica (ASCII only: the standard fonts have no CJK). */
export function pdfReport(lines: string[]): Uint8Array {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = lines.map((line, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${780 - i * 22} Td (${escape(line)}) Tj ET`);
  const stream = text.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 240×160 PNG: a shop front in flat colours (sky, wall, a sign board in `sign`, a door). */
export function pngPhoto(sign: [number, number, number]): Uint8Array {
  const width = 240;
  const height = 160;
  const pixel = (x: number, y: number): [number, number, number] => {
    if (y < 40) return [170, 205, 235];
    if (y >= 52 && y < 76 && x >= 30 && x < 210) return sign;
    if (y >= 96 && x >= 100 && x < 140) return [90, 60, 40];
    if (y >= 90 && y < 130 && ((x >= 30 && x < 80) || (x >= 160 && x < 210))) return [200, 225, 240];
    return [225, 215, 195];
  };
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A round of evidence: the written report and a photo of the corrected premises. */
export function evidenceRound(caseName: string, round: number): EvidenceFile[] {
  return [
    {
      name: `整改报告-第${round}轮.pdf`,
      type: 'application/pdf',
      bytes: pdfReport([
        'Rectification report',
        `Case: ${caseName}, round ${round}`,
        'The required actions were carried out; see the photo of the premises.',
        'Signed for the enterprise by its legal representative.',
      ]),
    },
    {
      name: `现场照片-第${round}轮.png`,
      type: 'image/png',
      bytes: pngPhoto(round === 1 ? [200, 40, 40] : [40, 120, 60]),
    },
  ];
}

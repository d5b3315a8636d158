// Documents: numbers, dates and templates (pure), and each kind rendered to a PDF whose text
// poppler's pdftotext reads back: the party, the number, the dates, in Chinese.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocument, TEMPLATE_DIR } from '../../activities/documents/render';
import {
  chineseDate,
  deadlineLines,
  DOCUMENT_KINDS,
  DOCUMENT_TITLES,
  documentNumber,
  fillTemplate,
  serviceDueOn,
  TEMPLATE_FIELDS,
  type TemplateField,
} from '../../domain';

const run = promisify(execFile);
const scratch = await mkdtemp(path.join(tmpdir(), 'tempered-documents-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function textOf(pdf: Buffer): Promise<string> {
  const file = path.join(scratch, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  // pdftotext breaks long lines where the page does: compare without the breaks.
  return stdout.replace(/\s+/g, '');
}

const values = (kind: (typeof DOCUMENT_KINDS)[number]): Record<TemplateField, string> => ({
  title: DOCUMENT_TITLES[kind],
  agencyName: '盘锦市市场监督管理局',
  number: '盘市监柔〔2026〕0007号',
  partyName: '示例科技有限公司',
  partyCode: '91350100M000100Y43',
  facts: '当事人在店招中使用“最佳”等绝对化用语。',
  legalBasis: '《中华人民共和国广告法》第九条、第五十七条',
  decision: '责令当事人撤下违法广告。',
  deadlines: deadlineLines([{ label: '改正期限', date: '2026-12-20' }]),
  issuedOn: chineseDate('2026-12-10'),
  verificationCode: 'K7M2P9Q4R8T3V6W5',
});

describe('document rules', () => {
  it('writes dates the Chinese way', () => {
    expect(chineseDate('2026-12-10')).toBe('2026年12月10日');
    expect(chineseDate('2027-01-05')).toBe('2027年1月5日');
  });

  it("numbers in the agency's pattern, padded where it says", () => {
    const pattern = '{agencyShort}柔〔{year}〕{seq:4}号';
    expect(documentNumber(pattern, { agencyShort: '盘市监', year: 2026, seq: 7 })).toBe('盘市监柔〔2026〕0007号');
    expect(documentNumber('{agencyShort}〔{year}〕{seq}号', { agencyShort: '长', year: 2027, seq: 12345 })).toBe(
      '长〔2027〕12345号',
    );
    expect(() => documentNumber(pattern, { agencyShort: 'x', year: 2026, seq: 0 })).toThrow(RangeError);
  });

  it('gives the business its working days to acknowledge before another way of service is due', () => {
    // 2026-09-30 (Wednesday) + 5 working days: the National Day week is off; 10-8, 10-9, 10-10 (a worked Saturday), 10-12, 10-13.
    expect(serviceDueOn('2026-09-30', { documentServiceWorkingDays: 5 }).date).toBe('2026-10-13');
  });

  it('refuses a template naming a field nobody fills', () => {
    expect(() => fillTemplate('{{partyName}} {{fine}}', values('commitment'))).toThrow(/unknown field \{\{fine\}\}/);
  });

  it('has one template per kind, each using only known fields and naming the verification code', async () => {
    const files = (await readdir(TEMPLATE_DIR)).sort();
    expect(files).toEqual(DOCUMENT_KINDS.map((k) => `${k}.txt`).sort());
    for (const kind of DOCUMENT_KINDS) {
      const text = fillTemplate(
        await (await import('node:fs/promises')).readFile(path.join(TEMPLATE_DIR, `${kind}.txt`), 'utf8'),
        Object.fromEntries(TEMPLATE_FIELDS.map((f) => [f, `<${f}>`])) as Record<TemplateField, string>,
      );
      for (const field of ['agencyName', 'number', 'partyName', 'partyCode', 'facts', 'decision', 'verificationCode'])
        expect(text, `${kind} shows ${field}`).toContain(`<${field}>`);
    }
  });
});

describe('rendering', () => {
  it.each(DOCUMENT_KINDS)('renders %s in Chinese with the party, the number and the dates', async (kind) => {
    const pdf = await renderDocument({ kind, values: values(kind), issuedAt: new Date('2026-12-10T02:00:00Z') });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The font is subset: a whole Noto Sans CJK would be 20 MB.
    expect(pdf.length).toBeLessThan(200_000);
    const text = await textOf(pdf);
    for (const expected of [
      DOCUMENT_TITLES[kind],
      '盘锦市市场监督管理局',
      '示例科技有限公司',
      '91350100M000100Y43',
      '盘市监柔〔2026〕0007号',
      '2026年12月10日',
      '2026年12月20日',
      'K7M2P9Q4R8T3V6W5',
    ])
      expect(text, `${kind}: ${expected}`).toContain(expected);
  });

  it('renders the same document to the same bytes, so a re-render after a crash keeps its hash', async () => {
    const input = {
      kind: 'repair_notice' as const,
      values: values('repair_notice'),
      issuedAt: new Date('2026-12-10T02:00:00Z'),
    };
    const first = await renderDocument(input);
    // The parsed font is shared by every document of the process: one using other glyphs in
    // between leaves the next rendering unchanged.
    await renderDocument({ ...input, kind: 'commitment', values: { ...values('commitment'), facts: '另一份文书，别的字形' } });
    expect(first.equals(await renderDocument(input))).toBe(true);
  });
});

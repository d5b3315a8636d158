// Renders a document to PDF from its kind's template (documents/templates/<kind>.txt, reviewable
// text in the repository) with a CJK font embedded. pdfkit subsets the font to the characters a
// document uses, so a notice stays small (about 70 KB) although the font file is 20 MB. The same
// input gives the same bytes (the creation date is the issue instant, pdfkit's file id follows from
// it), so a document rendered again after a crash has the hash it had.
//
// Template lines: `# text` a centred heading, `## text` a centred sub-heading (the number), an empty
// line a paragraph break, anything else a paragraph; `{{field}}` placeholders (domain/documents.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { fillTemplate, type DocumentKind, type TemplateField } from '../../domain';

export const TEMPLATE_DIR = path.join(import.meta.dirname, '../../documents/templates');

/** Debian's fonts-noto-cjk, installed by .ci/run and the image; DOCUMENT_FONT_PATH overrides it. */
export const DEFAULT_FONT = {
  path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  family: 'NotoSansCJKsc-Regular',
};

export interface DocumentFont {
  /** A TrueType/OpenType file or collection. */
  path: string;
  /** The face within a collection (.ttc), e.g. NotoSansCJKsc-Regular. */
  family?: string;
}

export interface RenderInput {
  kind: DocumentKind;
  values: Record<TemplateField, string>;
  /** Written as the PDF's creation date: fixed per document, so that rendering is repeatable. */
  issuedAt: Date;
}

const templates = new Map<DocumentKind, Promise<string>>();
const fonts = new Map<string, Promise<fontkit.Font>>();

/** A kind's template, read once per process. */
export function templateOf(kind: DocumentKind): Promise<string> {
  let template = templates.get(kind);
  if (!template) {
    template = readFile(path.join(TEMPLATE_DIR, `${kind}.txt`), 'utf8');
    templates.set(kind, template);
  }
  return template;
}

/**
 * The face, parsed once per process: pdfkit would parse the 20 MB collection again for every
 * document (most of a render's time); a parsed font serves any number of documents, each with a
 * subset of its own.
 */
function parsedFont({ path: file, family }: DocumentFont): Promise<fontkit.Font> {
  const key = `${file}#${family ?? ''}`;
  let font = fonts.get(key);
  if (!font) {
    font = readFile(file).then((bytes) => {
      const parsed = fontkit.create(bytes, family);
      if (!('layout' in parsed)) throw new Error(`${file} is a collection: name the face (DOCUMENT_FONT_FAMILY)`);
      return parsed;
    });
    font.catch(() => fonts.delete(key));
    fonts.set(key, font);
  }
  return font;
}

export async function renderDocument(input: RenderInput, font: DocumentFont = DEFAULT_FONT): Promise<Buffer> {
  const text = fillTemplate(await templateOf(input.kind), input.values);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 80, right: 80 },
    info: {
      Title: `${input.values.title} ${input.values.number}`,
      Author: input.values.agencyName,
      CreationDate: input.issuedAt,
      ModDate: input.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit takes a parsed fontkit face too, though its types say only bytes or a path.
  doc.registerFont('body', (await parsedFont(font)) as unknown as Buffer);
  doc.font('body');
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line.startsWith('## ')) doc.fontSize(12).text(line.slice(3), { align: 'center' }).moveDown(0.5);
    else if (line.startsWith('# ')) doc.fontSize(18).text(line.slice(2), { align: 'center' }).moveDown(0.2);
    else if (line.trim() === '') doc.moveDown(0.6);
    else doc.fontSize(11.5).text(line, { align: 'left', lineGap: 4 });
  }
  doc.end();
  return ended;
}

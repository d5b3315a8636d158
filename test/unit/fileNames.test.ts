// File names as stored and as sent back in Content-Disposition (RFC 6266, RFC 5987).
import { describe, expect, it } from 'vitest';
import { contentDisposition, MAX_FILENAME_LENGTH, sanitiseFilename } from '../../api/fileNames';

describe('sanitiseFilename', () => {
  it.each([
    ['整改报告.pdf', '整改报告.pdf'],
    ['a\r\nb.pdf', 'ab.pdf'],
    ['a\u0000b\u007f\u0085c.pdf', 'abc.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['dir/sub\\name.pdf', 'dir_sub_name.pdf'],
    ['  spaced.pdf  ', 'spaced.pdf'],
    ['\r\n', 'file'],
    ['lone\uD800.pdf', 'lone\uFFFD.pdf'],
  ])('cleans %j to %j', (name, expected) => {
    expect(sanitiseFilename(name)).toBe(expected);
  });

  it('cuts a long name to the limit in characters, keeping its extension', () => {
    const name = sanitiseFilename(`${'😀'.repeat(300)}.docx`);

    expect([...name]).toHaveLength(MAX_FILENAME_LENGTH);
    expect(name.endsWith('😀.docx')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('sends an ASCII fallback and the UTF-8 name, every reserved character encoded', () => {
    expect(contentDisposition('报告 (终稿)\'s "v2" 100%.pdf')).toBe(
      `attachment; filename="__ (__)'s _v2_ 100_.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%20%28%E7%BB%88%E7%A8%BF%29%27s%20%22v2%22%20100%25.pdf`,
    );
  });

  it('never lets a stored name break the header', () => {
    expect(contentDisposition('a\r\nSet-Cookie: x=1.pdf')).toBe(
      `attachment; filename="aSet-Cookie: x=1.pdf"; filename*=UTF-8''aSet-Cookie%3A%20x%3D1.pdf`,
    );
  });
});

// The names of uploaded files: kept in their own characters (整改报告.pdf), cleaned of what could
// mislead a reader or break a header, a log line or a download later, and sent back in
// Content-Disposition in both of its forms (RFC 6266), so that every browser saves the file
// under its name.

/** Characters; a longer name is cut, keeping its extension. */
export const MAX_FILENAME_LENGTH = 200;

/**
 * Control characters (C0 including CR and LF, DEL, C1) and the invisible direction marks that can
 * make `gpj.exe` read as `exe.jpg`.
 */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SEPARATORS = /[\\/]/g;
/** Half a surrogate pair, which no UTF-8 name decodes to but encodeURIComponent would throw on. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const EXTENSION = /\.[^.]{1,16}$/u;

/** The name as it is stored and shown: no control characters or path separators, at most MAX_FILENAME_LENGTH. */
export function sanitiseFilename(name: string): string {
  const cleaned = name
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(HIDDEN, '')
    .replace(SEPARATORS, '_')
    .trim();
  const characters = [...cleaned];
  if (characters.length <= MAX_FILENAME_LENGTH) return cleaned || 'file';
  const extension = EXTENSION.exec(cleaned)?.[0] ?? '';
  return characters.slice(0, MAX_FILENAME_LENGTH - [...extension].length).join('') + extension;
}

/** RFC 5987 `attr-char`s stay as they are; encodeURIComponent leaves these four unescaped too. */
const encodeValue = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment; filename="..."; filename*=UTF-8''...`: the UTF-8 name for clients that read
 * `filename*` (all current browsers), and an ASCII fallback (other characters as `_`) for those
 * that do not.
 */
export function contentDisposition(filename: string): string {
  const name = sanitiseFilename(filename);
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeValue(name)}`;
}

/** Only paths inside the console: a `next` pointing elsewhere would be an open redirect. */
export const safeNext = (next: string | null | undefined): string =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

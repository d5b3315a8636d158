// The last lines a child process wrote, kept to explain its failure: each non-empty line of its
// stdout and stderr, prefixed by `label` if given, goes into a bounded tail and to `onLine`.
export function outputTail(size: number, options: { label?: () => string; onLine?: (line: string) => void } = {}) {
  const lines: string[] = [];
  return {
    lines,
    /** Follows one of the child's output streams. */
    follow(stream: NodeJS.ReadableStream | null): void {
      let pending = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const parts = (pending + chunk).split('\n');
        pending = parts.pop() ?? '';
        for (const part of parts.filter((l) => l.trim() !== '')) {
          const line = options.label ? `${options.label()} ${part}` : part;
          lines.push(line);
          if (lines.length > size) lines.shift();
          options.onLine?.(line);
        }
      });
    },
  };
}

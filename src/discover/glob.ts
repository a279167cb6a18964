/**
 * A small gitignore-style glob matcher: `*` within a segment, `**` across segments, `?` one
 * character; a pattern without `/` matches a name at any depth, a leading `/` anchors it, and a
 * trailing `/` matches folders only.
 */
export interface GlobMatcher {
  pattern: string;
  directoryOnly: boolean;
  negated: boolean;
  regex: RegExp;
}

export function compileGlob(rawPattern: string): GlobMatcher {
  let pattern = rawPattern.trim();
  const negated = pattern.startsWith('!');
  if (negated) pattern = pattern.slice(1);
  const directoryOnly = pattern.endsWith('/');
  if (directoryOnly) pattern = pattern.slice(0, -1);
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '*') {
      if (pattern[index + 1] === '*') {
        const slash = pattern[index + 2] === '/';
        source += slash ? '(?:.*/)?' : '.*';
        index += slash ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  return { pattern: rawPattern, directoryOnly, negated, regex: new RegExp(`${prefix}${source}(?:/.*)?$`) };
}

/** True when the relative `/` path is ignored by the patterns (later patterns win, `!` re-includes). */
export function isIgnored(matchers: readonly GlobMatcher[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const matcher of matchers) {
    if (matcher.directoryOnly && !isDirectory && !matcher.regex.test(path.split('/').slice(0, -1).join('/'))) continue;
    if (matcher.regex.test(path)) ignored = !matcher.negated;
  }
  return ignored;
}

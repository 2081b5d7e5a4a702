/**
 * Text for terminals and logs that may come from a spec, with control characters made visible.
 */

/** What text output must not print as it is: control characters but tab and line feed. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` with control characters shown as their Unicode pictures (NUL as ␀, ESC as ␛), one column each like the
 * character itself: a spec can carry them into messages (a quoted key may hold any escape), and a terminal or CI
 * log must neither swallow nor obey them.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

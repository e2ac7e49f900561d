/**
 * @module workers/tools/lint/text-rules
 * Line-based rules that apply to any language: line length, trailing whitespace, TODO/FIXME comments.
 */
import { finding, type Finding } from "./rules";

export function textRules(code: string, maxLength: number, commentPrefix: RegExp): Finding[] {
  const out: Finding[] = [];
  code.split(/\r?\n/).forEach((text, i) => {
    const line = i + 1;
    if (text.length > maxLength && !/^\s*(\/\/|#)?\s*\S*https?:\/\/\S+\s*$/.test(text)) {
      out.push(finding("max-line-length", line, maxLength + 1, `Line is ${text.length} characters long (limit ${maxLength}).`));
    }
    const trailing = /[ \t]+$/.exec(text);
    if (trailing && trailing.index > 0) out.push(finding("no-trailing-spaces", line, trailing.index + 1, "Trailing whitespace."));
    const todo = new RegExp(`(?:${commentPrefix.source}).*?\\b(TODO|FIXME|XXX|HACK)\\b`).exec(text);
    if (todo) out.push(finding("todo-comment", line, todo.index + todo[0].length - todo[1]!.length + 1, `${todo[1]} comment: unfinished work.`));
  });
  return out;
}

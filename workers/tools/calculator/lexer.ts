/**
 * @module workers/tools/calculator/lexer
 * Tokenizer for calculator expressions. Positions are 0-based offsets into the input, kept for error messages.
 */

export type TokenKind = "num" | "ident" | "op" | "lparen" | "rparen" | "comma" | "end";

export interface Token {
  kind: TokenKind;
  /** Operator or identifier text; the source text for numbers. */
  text: string;
  value?: number;
  pos: number;
}

export class CalcError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
    this.name = "CalcError";
  }
}

const OPERATORS = ["**", "+", "-", "*", "/", "%", "^", "×", "÷", "−"];
/** Typographic variants people paste, mapped to ASCII. */
const ALIASES: Record<string, string> = { "×": "*", "÷": "/", "−": "-" };

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (/[0-9.]/.test(ch)) {
      const m = /^(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw new CalcError(`Invalid number at position ${i + 1}`, i);
      const text = m[0];
      const value = Number(text.replace(/_/g, ""));
      if (!Number.isFinite(value)) throw new CalcError(`Invalid number "${text}" at position ${i + 1}`, i);
      out.push({ kind: "num", text, value, pos: i });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_π]/.test(ch)) {
      const m = /^(?:π|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i))!;
      out.push({ kind: "ident", text: m[0].toLowerCase(), pos: i });
      i += m[0].length;
      continue;
    }
    if (ch === "(" || ch === ")") {
      out.push({ kind: ch === "(" ? "lparen" : "rparen", text: ch, pos: i });
      i++;
      continue;
    }
    if (ch === ",") {
      out.push({ kind: "comma", text: ch, pos: i });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ kind: "op", text: ALIASES[op] ?? op, pos: i });
      i += op.length;
      continue;
    }
    throw new CalcError(`Unexpected character "${ch}" at position ${i + 1}`, i);
  }
  out.push({ kind: "end", text: "end of input", pos: src.length });
  return out;
}

/**
 * @module workers/tools/calculator/evaluate
 * A safe arithmetic evaluator: a Pratt parser over the lexer's tokens that computes as it parses (no eval, no
 * Function). Precedence, lowest first: + -; * / % (modulo); unary - +; ^ ** (right-assoc); postfix % (percent).
 * So -2^2 = -4 and 2^3^2 = 512. "15% of 200" = 30; "10 % 3" is modulo because an operand follows the %.
 */
import { CalcError, tokenize, type Token } from "./lexer";

const CONSTANTS: Record<string, number> = { pi: Math.PI, "π": Math.PI, e: Math.E, tau: 2 * Math.PI };

type Fn = { min: number; max: number; f: (args: number[], pos: number) => number };
const FUNCTIONS: Record<string, Fn> = {
  sqrt: { min: 1, max: 1, f: ([x], pos) => (x! < 0 ? fail(`sqrt of a negative number (${x})`, pos) : Math.sqrt(x!)) },
  abs: { min: 1, max: 1, f: ([x]) => Math.abs(x!) },
  round: { min: 1, max: 2, f: ([x, d = 0]) => Math.round(x! * 10 ** d) / 10 ** d },
  floor: { min: 1, max: 1, f: ([x]) => Math.floor(x!) },
  ceil: { min: 1, max: 1, f: ([x]) => Math.ceil(x!) },
  min: { min: 1, max: Infinity, f: (a) => Math.min(...a) },
  max: { min: 1, max: Infinity, f: (a) => Math.max(...a) },
  // log10 directly: ln(x)/ln(10) gives 2.9999999999999996 for log(1000).
  log: { min: 1, max: 2, f: ([x, b], pos) => (b === undefined ? Math.log10(logArg(x!, pos)) : logOf(x!, pos) / logOf(b, pos)) },
  ln: { min: 1, max: 1, f: ([x], pos) => logOf(x!, pos) },
  exp: { min: 1, max: 1, f: ([x]) => Math.exp(x!) },
  sin: { min: 1, max: 1, f: ([x]) => Math.sin(x!) },
  cos: { min: 1, max: 1, f: ([x]) => Math.cos(x!) },
  tan: { min: 1, max: 1, f: ([x]) => Math.tan(x!) },
};

export const FUNCTION_NAMES = Object.keys(FUNCTIONS);

function fail(message: string, pos: number): never {
  throw new CalcError(`${message} at position ${pos + 1}`, pos);
}

function logArg(x: number, pos: number): number {
  return x <= 0 ? fail(`log of a non-positive number (${x})`, pos) : x;
}

function logOf(x: number, pos: number): number {
  return Math.log(logArg(x, pos));
}

/** Binding powers of infix operators: [left, right]; right < left makes an operator right-associative. */
const INFIX: Record<string, [number, number]> = { "+": [10, 11], "-": [10, 11], "*": [20, 21], "/": [20, 21], "%": [20, 21], "^": [41, 40], "**": [41, 40] };
const PREFIX_BP = 30;
const POSTFIX_PERCENT_BP = 50;

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private expect(kind: Token["kind"], what: string): Token {
    const t = this.next();
    if (t.kind !== kind) fail(`Expected ${what} but found "${t.text}"`, t.pos);
    return t;
  }

  parseAll(): number {
    const v = this.expr(0);
    const t = this.peek();
    if (t.kind !== "end") fail(`Unexpected "${t.text}"`, t.pos);
    return v;
  }

  /** Whether the token after a `%` starts an operand, which makes that `%` a modulo operator. */
  private startsOperand(t: Token): boolean {
    return t.kind === "num" || t.kind === "lparen" || (t.kind === "ident" && t.text !== "of") || (t.kind === "op" && (t.text === "-" || t.text === "+"));
  }

  private expr(minBp: number): number {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      if (t.kind === "op" && t.text === "%" && !this.startsOperand(this.tokens[this.i + 1]!)) {
        if (POSTFIX_PERCENT_BP < minBp) break;
        this.next();
        left = left / 100;
        // "15% of 200": "of" binds like multiplication.
        const of = this.peek();
        if (of.kind === "ident" && of.text === "of") {
          this.next();
          left = left * this.expr(21);
        }
        continue;
      }
      if (t.kind === "ident" && t.text === "of") fail(`"of" must follow a percentage, as in "15% of 200"`, t.pos);
      if (t.kind !== "op") break;
      const bp = INFIX[t.text];
      if (!bp || bp[0] < minBp) break;
      this.next();
      const right = this.expr(bp[1]);
      left = this.apply(t, left, right);
    }
    return left;
  }

  private apply(op: Token, a: number, b: number): number {
    switch (op.text) {
      case "+": return a + b;
      case "-": return a - b;
      case "*": return a * b;
      case "/": return b === 0 ? fail("Division by zero", op.pos) : a / b;
      case "%": return b === 0 ? fail("Modulo by zero", op.pos) : a % b;
      default: {
        const r = a ** b;
        return Number.isNaN(r) ? fail(`${a} ^ ${b} is not a real number`, op.pos) : r;
      }
    }
  }

  private prefix(): number {
    const t = this.next();
    switch (t.kind) {
      case "num":
        return t.value!;
      case "lparen": {
        const v = this.expr(0);
        this.expect("rparen", `")" to close "(" at position ${t.pos + 1}`);
        return v;
      }
      case "op":
        if (t.text === "-") return -this.expr(PREFIX_BP);
        if (t.text === "+") return this.expr(PREFIX_BP);
        return fail(`Unexpected operator "${t.text}"`, t.pos);
      case "ident":
        return this.identifier(t);
      case "end":
        return fail("Unexpected end of expression", t.pos);
      default:
        return fail(`Unexpected "${t.text}"`, t.pos);
    }
  }

  private identifier(t: Token): number {
    const fn = FUNCTIONS[t.text];
    if (fn) {
      this.expect("lparen", `"(" after function ${t.text}`);
      const args: number[] = [];
      if (this.peek().kind !== "rparen") {
        args.push(this.expr(0));
        while (this.peek().kind === "comma") {
          this.next();
          args.push(this.expr(0));
        }
      }
      this.expect("rparen", `")" to close ${t.text}(`);
      if (args.length < fn.min || args.length > fn.max) {
        const want = fn.min === fn.max ? `${fn.min}` : fn.max === Infinity ? `at least ${fn.min}` : `${fn.min}-${fn.max}`;
        fail(`${t.text}() takes ${want} argument(s), got ${args.length}`, t.pos);
      }
      return fn.f(args, t.pos);
    }
    const c = CONSTANTS[t.text];
    if (c !== undefined) return c;
    return fail(`Unknown name "${t.text}" (functions: ${FUNCTION_NAMES.join(", ")}; constants: pi, e)`, t.pos);
  }
}

/** Evaluates an arithmetic expression; throws `CalcError` with a 0-based `pos` on bad input. */
export function evaluate(expression: string): number {
  return new Parser(tokenize(expression)).parseAll();
}

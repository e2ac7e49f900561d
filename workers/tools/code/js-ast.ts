/**
 * @module workers/tools/code/js-ast
 * Parses JavaScript/TypeScript with @babel/parser and walks the tree. Parse failures come back as values with a
 * 1-based line and column, never as exceptions, so tools can report them to the model.
 */
import { parse } from "@babel/parser";
import type { CodeLanguage } from "./language";

/** A Babel AST node, kept structural so this module does not depend on @babel/types. */
export interface AstNode {
  type: string;
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } } | null;
  [key: string]: unknown;
}

export type ParseResult = { ok: true; ast: AstNode } | { ok: false; message: string; line: number; column: number };

const SKIP_KEYS = new Set(["loc", "start", "end", "extra", "leadingComments", "trailingComments", "innerComments", "comments", "tokens", "range"]);

function tryParse(code: string, plugins: ("typescript" | "jsx")[]): ParseResult {
  try {
    const ast = parse(code, {
      sourceType: "unambiguous",
      plugins,
      errorRecovery: false,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
    }) as unknown as AstNode;
    return { ok: true, ast };
  } catch (e) {
    const err = e as { message?: string; loc?: { line: number; column: number } };
    const message = String(err.message ?? e).replace(/\s*\(\d+:\d+\)\s*$/, "");
    return { ok: false, message, line: err.loc?.line ?? 1, column: (err.loc?.column ?? 0) + 1 };
  }
}

/**
 * Parses with the plugins that fit the language. TypeScript and JSX disagree on `<T>(x) => x`, so when JSX is only
 * a guess we retry without it and keep the first error if both fail.
 */
export function parseJs(code: string, _language: CodeLanguage, jsx: boolean): ParseResult {
  // Plain JavaScript parses under the TypeScript plugin too, and then type annotations in ".js" snippets still work.
  const base: "typescript"[] = ["typescript"];
  const first = tryParse(code, jsx ? [...base, "jsx"] : base);
  if (first.ok) return first;
  const second = tryParse(code, jsx ? base : [...base, "jsx"]);
  return second.ok ? second : first;
}

export function isNode(v: unknown): v is AstNode {
  return typeof v === "object" && v !== null && typeof (v as AstNode).type === "string";
}

export interface Visitor {
  enter?(node: AstNode, parent: AstNode | undefined, key: string): void;
  exit?(node: AstNode, parent: AstNode | undefined, key: string): void;
}

/** Depth-first walk over every child node, in source order. */
export function walk(node: AstNode, visitor: Visitor, parent?: AstNode, key = ""): void {
  visitor.enter?.(node, parent, key);
  for (const k of Object.keys(node)) {
    if (SKIP_KEYS.has(k)) continue;
    const v = node[k];
    if (Array.isArray(v)) {
      for (const item of v) if (isNode(item)) walk(item, visitor, node, k);
    } else if (isNode(v)) {
      walk(v, visitor, node, k);
    }
  }
  visitor.exit?.(node, parent, key);
}

export function lineOf(node: AstNode): number {
  return node.loc?.start.line ?? 1;
}

export function columnOf(node: AstNode): number {
  return (node.loc?.start.column ?? 0) + 1;
}

/** Source-like text of a callee or assignment target: `a.b.c`, `this.x`, `obj[...]`. */
export function nameOfExpression(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  switch (node.type) {
    case "Identifier":
    case "PrivateName":
      return node.type === "PrivateName" ? `#${nameOfExpression(node.id)}` : String(node.name);
    case "ThisExpression":
      return "this";
    case "StringLiteral":
    case "NumericLiteral":
      return String(node.value);
    case "MemberExpression":
    case "OptionalMemberExpression": {
      const obj = nameOfExpression(node.object) ?? "(…)";
      const prop = node.computed ? "[…]" : nameOfExpression(node.property);
      return node.computed ? `${obj}${prop}` : `${obj}.${prop}`;
    }
    default:
      return undefined;
  }
}

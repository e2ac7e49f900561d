/**
 * @module workers/tools/complexity/cyclomatic
 * McCabe cyclomatic complexity per function: 1 + one per branch point (if, ?:, case, loops, catch, &&, ||, ??,
 * and the logical assignments &&=, ||=, ??=). Nested functions are measured on their own, not added to their parent.
 */
import { type AstNode, isNode, lineOf, nameOfExpression, walk } from "../code/js-ast";

export interface FunctionComplexity {
  name: string;
  line: number;
  complexity: number;
}

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ObjectMethod", "ClassMethod", "ClassPrivateMethod", "TSDeclareMethod"]);
const BRANCH_TYPES = new Set(["IfStatement", "ConditionalExpression", "ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement", "CatchClause"]);
const LOGICAL_ASSIGN = new Set(["&&=", "||=", "??="]);

function branchPoints(node: AstNode): number {
  if (BRANCH_TYPES.has(node.type)) return 1;
  if (node.type === "SwitchCase") return node.test ? 1 : 0;
  if (node.type === "LogicalExpression") return 1;
  if (node.type === "AssignmentExpression" && LOGICAL_ASSIGN.has(String(node.operator))) return 1;
  return 0;
}

function keyName(key: unknown, computed: unknown): string {
  if (computed) return "[computed]";
  return nameOfExpression(key) ?? "<key>";
}

/** The name a reader would use for a function: its id, the variable/property it is assigned to, or its class member. */
function functionName(node: AstNode, parent: AstNode | undefined, className: string | undefined): string {
  const prefix = className ? `${className}.` : "";
  if (node.type === "ClassMethod" || node.type === "ClassPrivateMethod" || node.type === "TSDeclareMethod" || node.type === "ObjectMethod") {
    const kind = node.kind === "get" || node.kind === "set" ? `${node.kind} ` : "";
    const own = keyName(node.key, node.computed);
    return node.type === "ObjectMethod" ? `${kind}${own}` : `${kind}${prefix}${own}`;
  }
  if (isNode(node.id)) return String(node.id.name);
  if (!parent) return "<anonymous>";
  switch (parent.type) {
    case "VariableDeclarator":
      return nameOfExpression(parent.id) ?? "<anonymous>";
    case "AssignmentExpression":
      return nameOfExpression(parent.left) ?? "<anonymous>";
    case "ObjectProperty":
      return keyName(parent.key, parent.computed);
    case "ClassProperty":
    case "ClassPrivateProperty":
      return `${prefix}${keyName(parent.key, parent.computed)}`;
    case "ExportDefaultDeclaration":
      return "default";
    case "CallExpression":
    case "NewExpression": {
      const callee = nameOfExpression(parent.callee);
      return callee ? `<callback to ${callee}>` : "<anonymous>";
    }
    default:
      return "<anonymous>";
  }
}

function className(node: AstNode, parent: AstNode | undefined): string {
  if (isNode(node.id)) return String(node.id.name);
  if (parent?.type === "VariableDeclarator") return nameOfExpression(parent.id) ?? "<class>";
  return "<class>";
}

/** Complexity of every function in a parsed program, in source order, plus the top-level (module) code. */
export function measure(ast: AstNode): { functions: FunctionComplexity[]; topLevel: number } {
  const done: FunctionComplexity[] = [];
  const top: FunctionComplexity = { name: "<module>", line: 1, complexity: 1 };
  const stack: FunctionComplexity[] = [top];
  const classes: string[] = [];
  walk(ast, {
    enter(node, parent) {
      if (node.type === "ClassDeclaration" || node.type === "ClassExpression") classes.push(className(node, parent));
      if (FUNCTION_TYPES.has(node.type)) {
        const inClassBody = node.type !== "ObjectMethod" && (node.type.startsWith("Class") || node.type === "TSDeclareMethod" || parent?.type === "ClassProperty" || parent?.type === "ClassPrivateProperty");
        const rec = { name: functionName(node, parent, inClassBody ? classes[classes.length - 1] : undefined), line: lineOf(node), complexity: 1 };
        stack.push(rec);
        done.push(rec);
        return;
      }
      stack[stack.length - 1]!.complexity += branchPoints(node);
    },
    exit(node) {
      if (FUNCTION_TYPES.has(node.type)) stack.pop();
      if (node.type === "ClassDeclaration" || node.type === "ClassExpression") classes.pop();
    },
  });
  done.sort((a, b) => a.line - b.line);
  return { functions: done, topLevel: top.complexity };
}

/** McCabe's usual bands. */
export function rate(complexity: number): "simple" | "moderate" | "complex" | "very complex" {
  if (complexity <= 10) return "simple";
  if (complexity <= 20) return "moderate";
  if (complexity <= 50) return "complex";
  return "very complex";
}

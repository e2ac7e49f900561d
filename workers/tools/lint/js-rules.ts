/**
 * @module workers/tools/lint/js-rules
 * AST rules for JavaScript/TypeScript. Unused-variable detection is name-based over the whole file (no scope
 * analysis): it can miss a shadowed unused name but never flags a name that is read anywhere.
 */
import { type AstNode, columnOf, isNode, lineOf, walk } from "../code/js-ast";
import { finding, type Finding } from "./rules";

interface Binding {
  name: string;
  node: AstNode;
  kind: string;
}

/** Identifiers bound by a declaration pattern: `a`, `{ a, b: c }`, `[d, ...e]`, `f = 1`. */
function patternIds(p: unknown, out: AstNode[]): void {
  if (!isNode(p)) return;
  switch (p.type) {
    case "Identifier":
      out.push(p);
      break;
    case "ObjectPattern":
      for (const prop of p.properties as AstNode[]) patternIds(prop.type === "RestElement" ? prop.argument : prop.value, out);
      break;
    case "ArrayPattern":
      for (const el of p.elements as unknown[]) patternIds(el, out);
      break;
    case "RestElement":
      patternIds(p.argument, out);
      break;
    case "AssignmentPattern":
      patternIds(p.left, out);
      break;
  }
}

/** Identifier positions that name something rather than read a variable. */
function isNonReference(node: AstNode, parent: AstNode | undefined, key: string): boolean {
  if (!parent) return false;
  const t = parent.type;
  if ((t === "MemberExpression" || t === "OptionalMemberExpression") && key === "property" && !parent.computed) return true;
  if ((t === "ObjectProperty" || t === "ObjectMethod" || t === "ClassProperty" || t === "ClassMethod" || t === "ClassPrivateProperty" || t === "TSPropertySignature" || t === "TSMethodSignature") && key === "key" && !parent.computed) {
    // In a shorthand `{ a }` the value node is the reference, the key is not.
    return true;
  }
  if ((t === "LabeledStatement" || t === "BreakStatement" || t === "ContinueStatement") && key === "label") return true;
  if (t === "ImportSpecifier" && key === "imported") return true;
  if (t === "ExportSpecifier" && key === "exported") return true;
  if ((t === "TSEnumMember" || t === "TSInterfaceDeclaration" || t === "TSTypeAliasDeclaration") && key === "id") return true;
  if (t === "TSQualifiedName" && key === "right") return true;
  return false;
}

export function jsRules(ast: AstNode): Finding[] {
  const out: Finding[] = [];
  const bindings: Binding[] = [];
  const reads = new Map<string, number>();
  const exported = new Set<AstNode>();

  walk(ast, {
    enter(node, parent, key) {
      switch (node.type) {
        case "ExportNamedDeclaration":
        case "ExportDefaultDeclaration":
          if (isNode(node.declaration)) exported.add(node.declaration);
          break;
        case "VariableDeclaration": {
          if (node.kind === "var") out.push(finding("no-var", lineOf(node), columnOf(node), "Unexpected var; use let or const."));
          if (parent && exported.has(node)) break;
          for (const d of node.declarations as AstNode[]) {
            const ids: AstNode[] = [];
            patternIds(d.id, ids);
            for (const id of ids) bindings.push({ name: String(id.name), node: id, kind: String(node.kind) });
          }
          break;
        }
        case "FunctionDeclaration":
        case "ClassDeclaration":
          if (isNode(node.id) && !exported.has(node)) bindings.push({ name: String(node.id.name), node: node.id, kind: node.type === "ClassDeclaration" ? "class" : "function" });
          break;
        case "ImportSpecifier":
        case "ImportDefaultSpecifier":
        case "ImportNamespaceSpecifier":
          if (isNode(node.local)) bindings.push({ name: String(node.local.name), node: node.local, kind: "import" });
          break;
        case "BinaryExpression": {
          const op = String(node.operator);
          const isNull = (n: unknown) => isNode(n) && n.type === "NullLiteral";
          if ((op === "==" || op === "!=") && !isNull(node.left) && !isNull(node.right)) {
            out.push(finding("eqeqeq", lineOf(node), columnOf(node), `Expected '${op}=' and instead saw '${op}'.`));
          }
          break;
        }
        case "CallExpression": {
          const callee = node.callee;
          if (isNode(callee) && callee.type === "MemberExpression" && isNode(callee.object) && callee.object.type === "Identifier" && callee.object.name === "console") {
            const method = isNode(callee.property) ? String(callee.property.name ?? "") : "";
            out.push(finding("no-console", lineOf(node), columnOf(node), `Unexpected console.${method} statement.`));
          }
          break;
        }
        case "DebuggerStatement":
          out.push(finding("no-debugger", lineOf(node), columnOf(node), "Unexpected 'debugger' statement."));
          break;
        case "CatchClause": {
          const body = node.body as AstNode;
          const empty = (body.body as unknown[]).length === 0 && !(Array.isArray(body.innerComments) && body.innerComments.length);
          if (empty) out.push(finding("no-empty-catch", lineOf(node), columnOf(node), "Empty catch block swallows the error; handle or log it, or add a comment saying why."));
          break;
        }
        case "Identifier":
        case "JSXIdentifier":
          if (!isNonReference(node, parent, key)) reads.set(String(node.name), (reads.get(String(node.name)) ?? 0) + 1);
          break;
      }
    },
  });

  // Every binding identifier was also counted as a read by the walk; subtract those.
  const declared = new Map<string, number>();
  for (const b of bindings) declared.set(b.name, (declared.get(b.name) ?? 0) + 1);
  const seen = new Set<string>();
  for (const b of bindings) {
    if (b.name.startsWith("_") || seen.has(b.name)) continue;
    seen.add(b.name);
    const used = (reads.get(b.name) ?? 0) - (declared.get(b.name) ?? 0);
    if (used <= 0) {
      const what = b.kind === "import" ? "imported" : b.kind === "function" ? "defined (function)" : b.kind === "class" ? "defined (class)" : "assigned a value";
      out.push(finding("no-unused-vars", lineOf(b.node), columnOf(b.node), `'${b.name}' is ${what} but never used.`));
    }
  }
  return out;
}

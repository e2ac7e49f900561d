/**
 * @module workers/agents/security
 * Security specialist: secrets and injection risks in code it is sent; secret values are always redacted.
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, SPECIALIST_RULES } from "./prompt-parts";
import { securityScan } from "../tools/security/scan";

export const security = defineAgent({
  name: "security",
  description: catalogDescription("security"),
  systemPrompt: [
    "You review source code for security problems: leaked secrets (keys, tokens, passwords) and injection risks (SQL, shell, eval, XSS, unsafe deserialisation).",
    "Call security_scan with the full code sent in the message; you cannot read files.",
    "Report the overall risk, then each finding with severity, line, what is wrong and the fix. Critical and high first.",
    "Never repeat a secret value, even partially beyond what the tool shows; the tool output is already redacted. Leaked secrets must be rotated: say so.",
    "A clean scan means no known pattern matched, not that the code is proven safe; say that too.",
    "",
    SPECIALIST_RULES,
  ].join("\n"),
  tools: [securityScan],
  examples: ["Scan this for secrets: const key = 'AKIA...'", "Is this SQL safe? db.query(\"SELECT * FROM users WHERE id = \" + id)"],
});

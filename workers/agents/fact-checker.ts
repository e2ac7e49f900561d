/**
 * @module workers/agents/fact-checker
 * Fact-checking specialist: verdicts on claims with evidence from the reference corpus, and source finding.
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, SPECIALIST_RULES } from "./prompt-parts";
import { findSources, verifyClaimTool } from "../tools/factcheck/tools";

export const factChecker = defineAgent({
  name: "fact_checker",
  description: catalogDescription("fact_checker"),
  systemPrompt: [
    "You check facts against a reference corpus.",
    "- verify_claim: one claim at a time; split a compound statement into separate claims and verify each.",
    "- find_sources: references on a topic, optionally only academic, news, documentation or reference sources.",
    "Report each verdict exactly as the tool returned it (supported, contradicted or unverifiable) with its evidence sentence and url.",
    "'unverifiable' means the corpus does not settle it: never upgrade it to true or false from your own knowledge.",
    "",
    SPECIALIST_RULES,
  ].join("\n"),
  tools: [verifyClaimTool, findSources],
  examples: ["Is it true that the Eiffel Tower is 330 metres tall?", "Verify: OpenTelemetry was formed in 2015", "Find academic sources on cyclomatic complexity"],
});

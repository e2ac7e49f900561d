/**
 * @module workers/tools/factcheck/tools
 * verify_claim and find_sources over the offline reference corpus.
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { CORPUS, SOURCE_TYPES } from "../../data/corpus";
import { plural, toolError } from "../result";
import { bestSentence, corpusIndex } from "../search/corpus-index";
import { stripFraming, verifyClaim } from "./verify";

export const verifyClaimTool = defineTool({
  name: "verify_claim",
  description: "Fact check / verify a claim or statement: is it true or false? Returns a verdict (supported, contradicted, unverifiable) with evidence sentences and source urls.",
  input: z.object({ claim: z.string().min(1).describe("One factual statement, e.g. 'The Eiffel Tower is 330 metres tall'") }),
  run({ claim }) {
    if (!/[\p{L}\p{N}]/u.test(claim)) return toolError("claim has no words. Send one factual statement to check.");
    const v = verifyClaim(claim);
    const top = v.evidence[0];
    const source = top ? ` Source: "${top.sentence.trim()}" (${top.title}, ${top.url})` : "";
    return { claim, summary: `${v.verdict[0]!.toUpperCase()}${v.verdict.slice(1)}: "${stripFraming(claim) || claim}": ${v.reason}.${source}`, ...v };
  },
});

export const findSources = defineTool({
  name: "find_sources",
  description: "Find sources / references / citations about a topic, optionally only of one type: reference, documentation, academic (papers) or news.",
  input: z.object({
    topic: z.string().min(1).describe("The topic to find sources for"),
    source_type: z.enum(["any", ...SOURCE_TYPES]).default("any").describe("Kind of source wanted"),
  }),
  run({ topic, source_type }) {
    const filter = source_type === "any" ? undefined : (i: number) => CORPUS[i]!.type === source_type;
    const hits = corpusIndex().search(topic, 5, filter);
    const sources = hits.map((h) => {
      const d = CORPUS[h.index]!;
      return { url: d.url, title: d.title, type: d.type, excerpt: bestSentence(d, topic) };
    });
    if (sources.length === 0) {
      const anyType = source_type === "any" ? 0 : corpusIndex().search(topic, 1).length;
      return {
        topic,
        source_type,
        sources: [],
        note: anyType ? `No ${source_type} sources on this topic; retry with source_type "any".` : "No sources in the reference corpus cover this topic.",
      };
    }
    return { topic, source_type, summary: `${plural(sources.length, "source")}: ${sources.map((x) => `${x.title} (${x.type}, ${x.url})`).join("; ")}.`, sources };
  },
});

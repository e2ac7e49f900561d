/**
 * @module workers/tools/text/summarize
 * summarize and extract_key_points: extractive, so every output sentence appears verbatim in the input.
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { toolError } from "../result";
import { topSentences, topTerms } from "./extractive";

const textField = z.string().describe("The text to summarise (paste the full text)");

export const summarize = defineTool({
  name: "summarize",
  description: "Summarize / condense a text into its most important sentences (extractive summary, original order). Use for 'summarise this', 'TL;DR', 'give me a short summary'.",
  input: z.object({
    text: textField,
    max_sentences: z.coerce.number().int().min(1).max(20).default(3).describe("Sentences in the summary"),
  }),
  run({ text, max_sentences }) {
    if (!text.trim()) return toolError("text is empty. Send the text to summarise in the `text` field.");
    const { picked, total } = topSentences(text, max_sentences);
    return {
      summary: picked.map((s) => s.text).join(" "),
      sentences_kept: picked.length,
      sentences_total: total,
      keywords: topTerms(text, 5),
    };
  },
});

export const extractKeyPoints = defineTool({
  name: "extract_key_points",
  description: "Extract the key points / main ideas / highlights of a text as a bullet list of its most important sentences.",
  input: z.object({
    text: textField,
    max_points: z.coerce.number().int().min(1).max(20).default(5).describe("Maximum number of key points"),
  }),
  run({ text, max_points }) {
    if (!text.trim()) return toolError("text is empty. Send the text in the `text` field.");
    const { picked, total } = topSentences(text, max_points);
    const points = picked.map((s) => s.text);
    return { summary: `Key points: ${points.map((p, i) => `(${i + 1}) ${p}`).join(" ")}`, key_points: points, sentences_total: total };
  },
});

/**
 * @module workers/data/corpus
 * The offline document corpus the searcher and fact checker read: short documents with a url, title, type and text.
 */
import { WORLD_DOCS } from "./corpus-world";
import { TECH_DOCS } from "./corpus-tech";

export const SOURCE_TYPES = ["reference", "documentation", "academic", "news"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export interface CorpusDoc {
  url: string;
  title: string;
  type: SourceType;
  text: string;
}

export const CORPUS: readonly CorpusDoc[] = [...WORLD_DOCS, ...TECH_DOCS];

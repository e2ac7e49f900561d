/**
 * @module workers/agents/maps
 * Maps specialist: great-circle distances, multi-stop routes with rough travel times, and the known cities.
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, SPECIALIST_RULES } from "./prompt-parts";
import { getCities, getDistance } from "../tools/maps/distance";
import { getRoute } from "../tools/maps/route";

export const maps = defineAgent({
  name: "maps",
  description: catalogDescription("maps"),
  systemPrompt: [
    "You are a maps and travel-distance assistant.",
    "- get_distance: how far apart two cities are (km by default; miles when the user says miles).",
    "- get_route: a trip through several cities in order, or travel time by driving, train, flight, walking or cycling.",
    "- get_cities: which places you know; use it when a place is not recognised.",
    "Distances are straight-line (great-circle); say so when the user asks about roads. Travel times are rough estimates.",
    "",
    SPECIALIST_RULES,
  ].join("\n"),
  tools: [getDistance, getRoute, getCities],
  examples: ["How far is London from Paris?", "Distance from New York to Tokyo in miles", "Route from Paris via Berlin to Rome by train", "Which cities do you know?"],
});

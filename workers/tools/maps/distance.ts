/**
 * @module workers/tools/maps/distance
 * get_distance and get_cities: straight-line (great-circle) distance between two known cities.
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { CITIES } from "../../data/cities";
import { toolError, round } from "../result";
import { cityNames, compassBearing, findCity, haversineKm, KM_PER_MILE } from "./geo";

export const UNITS = ["km", "miles"] as const;

export function unknownPlace(name: string) {
  return toolError(`Unknown place "${name}"; the known cities are ${cityNames().join(", ")}.`, { known_cities: cityNames() });
}

export const getDistance = defineTool({
  name: "get_distance",
  description:
    "Distance between two cities: how far apart they are, in km or miles (great-circle / straight-line distance, 'as the crow flies'). Use for 'how far is X from Y' or 'distance from X to Y'.",
  input: z.object({
    origin: z.string().min(1).describe("Starting city, e.g. 'London'"),
    destination: z.string().min(1).describe("Destination city, e.g. 'Paris'"),
    units: z.enum(UNITS).default("km").describe("km or miles"),
  }),
  run({ origin, destination, units }) {
    const a = findCity(origin);
    if (!a) return unknownPlace(origin);
    const b = findCity(destination);
    if (!b) return unknownPlace(destination);
    const km = haversineKm(a, b);
    const value = units === "miles" ? km / KM_PER_MILE : km;
    return {
      summary: `${a.name} to ${b.name}: ${round(value, 1)} ${units} as the crow flies, heading ${compassBearing(a, b)} (roads are longer).`,
      origin: a.name,
      destination: b.name,
      distance: round(value, 1),
      units,
      bearing: compassBearing(a, b),
      method: "great-circle (haversine); road distance is longer",
    };
  },
});

export const getCities = defineTool({
  name: "get_cities",
  description: "List the cities and places the maps agent knows (names, countries, coordinates) for distance and route questions.",
  input: z.object({}),
  run() {
    return { summary: `Distances and routes are known between ${CITIES.length} cities: ${CITIES.map((c) => c.name).join(", ")}.`, cities: CITIES.map((c) => ({ name: c.name, country: c.country, lat: c.lat, lon: c.lon, ...(c.aliases ? { aliases: c.aliases } : {}) })) };
  },
});

/**
 * @module workers/tools/weather/get-weather
 * get_weather and get_locations. The data source is the agent's `config.data_source`: "bundled" (default,
 * deterministic sample data) or "open-meteo" (live, with `config.timeout_ms`, default 8000).
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { CITIES } from "../../data/cities";
import { WEATHER } from "../../data/weather";
import { findCity } from "../maps/geo";
import { toolError } from "../result";
import { buildReport } from "./report";
import { toUnitSystem, UNIT_INPUTS } from "./units";
import { fetchOpenMeteo } from "./open-meteo";

const BUNDLED_SOURCE = "bundled sample dataset (offline, not live observations)";

export function knownWeatherCities(): string[] {
  return WEATHER.map((w) => w.city);
}

function bundled(location: string) {
  const city = findCity(location);
  const w = city && WEATHER.find((x) => x.city === city.name);
  if (!city || !w) return undefined;
  return { location: city.name, country: city.country, ...w };
}

export const getWeather = defineTool({
  name: "get_weather",
  description:
    "Current weather and 3-day forecast for a city: temperature, feels like, conditions (rain, sunny, cloudy), humidity, wind. Units: metric (°C), imperial (°F), or kelvin.",
  input: z.object({
    location: z.string().min(1).describe("City name, e.g. 'Tokyo' or 'New York'"),
    units: z.enum(UNIT_INPUTS).default("metric").describe("metric (celsius) = °C and km/h, imperial (fahrenheit) = °F and mph, kelvin = K and m/s"),
  }),
  async run({ location, units: unitInput }, ctx) {
    const units = toUnitSystem(unitInput);
    const source = String(ctx.settings?.data_source ?? "bundled");
    if (source === "open-meteo") {
      const timeoutMs = Number(ctx.settings?.timeout_ms ?? 8000);
      try {
        const live = await fetchOpenMeteo(location, ctx.signal, timeoutMs > 0 ? timeoutMs : 8000);
        if (!live) return toolError(`Open-Meteo does not know a place called "${location}". Send a city name like "Tokyo".`);
        return buildReport(live, units, "Open-Meteo (live)");
      } catch (e) {
        const why = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError") ? "timed out" : String((e as Error)?.message ?? e);
        return toolError(`Live weather is unavailable right now (${why}). Tell the user; do not guess the weather.`);
      }
    }
    const obs = bundled(location);
    if (!obs) {
      return toolError(`No weather data for "${location}"; the known cities are ${knownWeatherCities().join(", ")}.`, { known_cities: knownWeatherCities() });
    }
    return buildReport(obs, units, BUNDLED_SOURCE);
  },
});

export const getLocations = defineTool({
  name: "get_locations",
  description: "List the cities / locations that weather, temperature and forecast data is available for.",
  input: z.object({}),
  run(_input, ctx) {
    if (ctx.settings?.data_source === "open-meteo") {
      return { locations: CITIES.map((c) => c.name), note: "live source: most cities worldwide work; these are pre-geocoded" };
    }
    const known = knownWeatherCities();
    return { summary: `Weather is available for ${known.length} cities: ${known.join(", ")}.`, locations: known, source: BUNDLED_SOURCE };
  },
});

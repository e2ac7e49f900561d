/**
 * @module workers/agents/weather
 * Weather specialist: current conditions and 3-day forecasts, bundled sample data or live Open-Meteo (config).
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, SPECIALIST_RULES } from "./prompt-parts";
import { getLocations, getWeather } from "../tools/weather/get-weather";

export const weather = defineAgent({
  name: "weather",
  description: catalogDescription("weather"),
  systemPrompt: (settings) =>
    [
      "You are a weather assistant. Use get_weather for current conditions or a forecast in a city, and get_locations when the user asks which cities you cover or a city is unknown.",
      "Pick units from the user's wording: °F or Fahrenheit → imperial, Kelvin → kelvin, otherwise metric. For several cities, call get_weather once per city.",
      settings.data_source === "open-meteo" ? "Data comes live from Open-Meteo." : "Data comes from a bundled sample dataset, not live observations.",
      "",
      SPECIALIST_RULES,
    ].join("\n"),
  tools: [getWeather, getLocations],
  examples: ["What's the weather in Tokyo?", "Temperature in London in Fahrenheit", "3-day forecast for Paris", "Which cities do you have weather for?"],
});

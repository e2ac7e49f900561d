/**
 * @module workers/data/weather
 * Bundled sample weather (metric: °C, km/h) for the offline data source. Deterministic so demos and tests agree;
 * results built from it are labelled as sample data, never as live observations.
 */

export interface DayForecast {
  highC: number;
  lowC: number;
  condition: string;
  precipChance: number;
}

export interface CityWeather {
  /** Must match a `CITIES` name. */
  city: string;
  tempC: number;
  feelsLikeC: number;
  condition: string;
  humidity: number;
  windKph: number;
  windDir: string;
  forecast: [DayForecast, DayForecast, DayForecast];
}

const d = (highC: number, lowC: number, condition: string, precipChance: number): DayForecast => ({ highC, lowC, condition, precipChance });

export const WEATHER: readonly CityWeather[] = [
  { city: "Tokyo", tempC: 22, feelsLikeC: 23, condition: "Partly cloudy", humidity: 65, windKph: 12, windDir: "SE", forecast: [d(24, 17, "Sunny", 5), d(23, 18, "Cloudy", 30), d(20, 16, "Rain", 80)] },
  { city: "London", tempC: 15, feelsLikeC: 13, condition: "Light rain", humidity: 82, windKph: 19, windDir: "SW", forecast: [d(16, 10, "Showers", 60), d(17, 11, "Partly cloudy", 20), d(14, 9, "Rain", 75)] },
  { city: "New York", tempC: 18, feelsLikeC: 17, condition: "Sunny", humidity: 55, windKph: 15, windDir: "NW", forecast: [d(20, 12, "Sunny", 0), d(22, 14, "Partly cloudy", 10), d(19, 13, "Thunderstorms", 70)] },
  { city: "Paris", tempC: 17, feelsLikeC: 16, condition: "Cloudy", humidity: 70, windKph: 11, windDir: "W", forecast: [d(18, 11, "Cloudy", 25), d(20, 12, "Sunny", 5), d(19, 13, "Showers", 55)] },
  { city: "Berlin", tempC: 13, feelsLikeC: 11, condition: "Overcast", humidity: 74, windKph: 17, windDir: "W", forecast: [d(14, 7, "Cloudy", 35), d(12, 6, "Rain", 70), d(15, 8, "Partly cloudy", 15)] },
  { city: "Madrid", tempC: 24, feelsLikeC: 24, condition: "Sunny", humidity: 35, windKph: 9, windDir: "N", forecast: [d(27, 14, "Sunny", 0), d(28, 15, "Sunny", 0), d(25, 14, "Partly cloudy", 10)] },
  { city: "Rome", tempC: 23, feelsLikeC: 24, condition: "Sunny", humidity: 50, windKph: 8, windDir: "SW", forecast: [d(25, 15, "Sunny", 5), d(24, 16, "Partly cloudy", 15), d(22, 15, "Showers", 45)] },
  { city: "Sydney", tempC: 19, feelsLikeC: 19, condition: "Windy", humidity: 60, windKph: 28, windDir: "S", forecast: [d(21, 14, "Partly cloudy", 20), d(23, 15, "Sunny", 5), d(20, 15, "Showers", 50)] },
  { city: "San Francisco", tempC: 16, feelsLikeC: 15, condition: "Fog", humidity: 85, windKph: 20, windDir: "W", forecast: [d(18, 11, "Fog", 10), d(19, 12, "Partly cloudy", 5), d(17, 11, "Fog", 15)] },
  { city: "Singapore", tempC: 31, feelsLikeC: 37, condition: "Thunderstorms", humidity: 84, windKph: 10, windDir: "NE", forecast: [d(32, 26, "Thunderstorms", 80), d(31, 26, "Showers", 65), d(32, 25, "Partly cloudy", 40)] },
  { city: "Dubai", tempC: 35, feelsLikeC: 38, condition: "Sunny", humidity: 40, windKph: 14, windDir: "NW", forecast: [d(37, 28, "Sunny", 0), d(38, 29, "Sunny", 0), d(36, 28, "Hazy", 0)] },
  { city: "Mumbai", tempC: 30, feelsLikeC: 35, condition: "Humid", humidity: 78, windKph: 13, windDir: "W", forecast: [d(32, 26, "Partly cloudy", 30), d(31, 26, "Showers", 60), d(31, 25, "Thunderstorms", 70)] },
  { city: "Toronto", tempC: 11, feelsLikeC: 8, condition: "Cloudy", humidity: 68, windKph: 22, windDir: "NW", forecast: [d(12, 4, "Cloudy", 30), d(9, 2, "Rain", 65), d(10, 3, "Partly cloudy", 20)] },
  { city: "Cairo", tempC: 29, feelsLikeC: 29, condition: "Sunny", humidity: 30, windKph: 16, windDir: "N", forecast: [d(31, 19, "Sunny", 0), d(32, 20, "Sunny", 0), d(30, 19, "Dusty", 0)] },
  { city: "Moscow", tempC: 6, feelsLikeC: 2, condition: "Overcast", humidity: 80, windKph: 18, windDir: "NE", forecast: [d(7, 1, "Cloudy", 40), d(4, -1, "Snow showers", 55), d(5, 0, "Overcast", 30)] },
  { city: "Seoul", tempC: 17, feelsLikeC: 16, condition: "Clear", humidity: 52, windKph: 10, windDir: "NW", forecast: [d(19, 9, "Sunny", 0), d(18, 10, "Partly cloudy", 15), d(16, 9, "Rain", 60)] },
];

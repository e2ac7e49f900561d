/**
 * @module workers/data/cities
 * Bundled gazetteer: coordinates of well-known cities plus the aliases people type ("NYC", "SF").
 * Shared by the maps and weather tools so both agree on which places exist.
 */

export interface City {
  name: string;
  country: string;
  lat: number;
  lon: number;
  aliases?: string[];
}

export const CITIES: readonly City[] = [
  { name: "Tokyo", country: "Japan", lat: 35.6762, lon: 139.6503 },
  { name: "London", country: "United Kingdom", lat: 51.5074, lon: -0.1278 },
  { name: "New York", country: "United States", lat: 40.7128, lon: -74.006, aliases: ["NYC", "New York City", "NY", "Manhattan"] },
  { name: "Paris", country: "France", lat: 48.8566, lon: 2.3522 },
  { name: "Berlin", country: "Germany", lat: 52.52, lon: 13.405 },
  { name: "Madrid", country: "Spain", lat: 40.4168, lon: -3.7038 },
  { name: "Rome", country: "Italy", lat: 41.9028, lon: 12.4964, aliases: ["Roma"] },
  { name: "Amsterdam", country: "Netherlands", lat: 52.3676, lon: 4.9041 },
  { name: "Sydney", country: "Australia", lat: -33.8688, lon: 151.2093 },
  { name: "San Francisco", country: "United States", lat: 37.7749, lon: -122.4194, aliases: ["SF", "San Fran"] },
  { name: "Los Angeles", country: "United States", lat: 34.0522, lon: -118.2437, aliases: ["LA"] },
  { name: "Chicago", country: "United States", lat: 41.8781, lon: -87.6298 },
  { name: "Washington", country: "United States", lat: 38.9072, lon: -77.0369, aliases: ["Washington DC", "DC", "Washington D.C."] },
  { name: "Boston", country: "United States", lat: 42.3601, lon: -71.0589 },
  { name: "Toronto", country: "Canada", lat: 43.6532, lon: -79.3832 },
  { name: "Mexico City", country: "Mexico", lat: 19.4326, lon: -99.1332, aliases: ["CDMX"] },
  { name: "São Paulo", country: "Brazil", lat: -23.5505, lon: -46.6333, aliases: ["Sao Paulo"] },
  { name: "Singapore", country: "Singapore", lat: 1.3521, lon: 103.8198 },
  { name: "Dubai", country: "United Arab Emirates", lat: 25.2048, lon: 55.2708 },
  { name: "Mumbai", country: "India", lat: 19.076, lon: 72.8777, aliases: ["Bombay"] },
  { name: "Beijing", country: "China", lat: 39.9042, lon: 116.4074, aliases: ["Peking"] },
  { name: "Seoul", country: "South Korea", lat: 37.5665, lon: 126.978 },
  { name: "Hong Kong", country: "China", lat: 22.3193, lon: 114.1694, aliases: ["HK"] },
  { name: "Osaka", country: "Japan", lat: 34.6937, lon: 135.5023 },
  { name: "Cairo", country: "Egypt", lat: 30.0444, lon: 31.2357 },
  { name: "Cape Town", country: "South Africa", lat: -33.9249, lon: 18.4241 },
  { name: "Moscow", country: "Russia", lat: 55.7558, lon: 37.6173 },
  { name: "Istanbul", country: "Turkey", lat: 41.0082, lon: 28.9784 },
  { name: "Edinburgh", country: "United Kingdom", lat: 55.9533, lon: -3.1883 },
  { name: "Manchester", country: "United Kingdom", lat: 53.4808, lon: -2.2426 },
];

// The places a salary can be asked for: the whole country ("national") or one US state.

export const NATIONAL = "US";

export const STATES = [
  ["US-AL", "Alabama"], ["US-AK", "Alaska"], ["US-AZ", "Arizona"], ["US-AR", "Arkansas"],
  ["US-CA", "California"], ["US-CO", "Colorado"], ["US-CT", "Connecticut"], ["US-DE", "Delaware"],
  ["US-DC", "District of Columbia"], ["US-FL", "Florida"], ["US-GA", "Georgia"], ["US-HI", "Hawaii"],
  ["US-ID", "Idaho"], ["US-IL", "Illinois"], ["US-IN", "Indiana"], ["US-IA", "Iowa"],
  ["US-KS", "Kansas"], ["US-KY", "Kentucky"], ["US-LA", "Louisiana"], ["US-ME", "Maine"],
  ["US-MD", "Maryland"], ["US-MA", "Massachusetts"], ["US-MI", "Michigan"], ["US-MN", "Minnesota"],
  ["US-MS", "Mississippi"], ["US-MO", "Missouri"], ["US-MT", "Montana"], ["US-NE", "Nebraska"],
  ["US-NV", "Nevada"], ["US-NH", "New Hampshire"], ["US-NJ", "New Jersey"], ["US-NM", "New Mexico"],
  ["US-NY", "New York"], ["US-NC", "North Carolina"], ["US-ND", "North Dakota"], ["US-OH", "Ohio"],
  ["US-OK", "Oklahoma"], ["US-OR", "Oregon"], ["US-PA", "Pennsylvania"], ["US-PR", "Puerto Rico"],
  ["US-RI", "Rhode Island"], ["US-SC", "South Carolina"], ["US-SD", "South Dakota"],
  ["US-TN", "Tennessee"], ["US-TX", "Texas"], ["US-UT", "Utah"], ["US-VT", "Vermont"],
  ["US-VA", "Virginia"], ["US-WA", "Washington"], ["US-WV", "West Virginia"], ["US-WI", "Wisconsin"],
  ["US-WY", "Wyoming"],
];

const NAMES = new Map([[NATIONAL, "United States (national)"], ...STATES]);

/** The region code a URL's `where` stands for: "national", "us" or empty mean the whole country. */
export function normaliseWhere(where) {
  const text = (where || "").trim();
  if (!text || /^(national|us|usa)$/i.test(text)) return NATIONAL;
  const upper = text.toUpperCase();
  if (NAMES.has(upper)) return upper;
  if (NAMES.has(`US-${upper}`)) return `US-${upper}`;
  for (const [code, name] of NAMES) if (name.toLowerCase() === text.toLowerCase()) return code;
  return upper;
}

/** Whether a code names a place the page knows (the country or one of its states). */
export function isPlace(code) {
  return NAMES.has(code);
}

/** The name of a region code. */
export function regionName(code, fallback) {
  return NAMES.get(code) || fallback || code;
}

/** The `where` value used in page URLs: omitted for the whole country. */
export function whereParam(code) {
  return code && code !== NATIONAL ? code : "";
}

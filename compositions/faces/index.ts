export * from "./portrait";
export * from "./face-options";
export * from "./mouth-open-at";
export * from "./blink-at";

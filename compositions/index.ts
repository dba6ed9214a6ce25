export * from "./layout";
export * from "./background";
export * from "./avatar";
export * from "./caption";
export * from "./scene-transition";
export * from "./font-stack";
export * from "./look";
export * from "./brand";

export * from "./schema";
export * from "./validate-script";
export * from "./frame-size";
export * from "./estimate-line-seconds";
export * from "./json-schema";
export * from "./timeline";
export * from "./script-sources";
export * from "./reelgen-error";

export * from "./render-video";
export * from "./render-still";
export * from "./reelgen-error";
export * from "./bundle-cache";
export * from "./browser";
export * from "./probe-media";
export * from "./load-script-file";

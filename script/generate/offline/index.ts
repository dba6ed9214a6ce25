export * from "./drama";
export * from "./look";
export * from "./plan";
export * from "./random";
export * from "./read-prompt";
export * from "./text";
export { EMOTIONS, TONES, type Emotion, type ToneName } from "./word-banks";

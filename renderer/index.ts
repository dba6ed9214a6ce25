export * from "./render-video";
export * from "./render-still";
export { ReelgenError, ErrorCode, type ErrorKind, type Problem } from "../script/reelgen-error";
export * from "./bundle-cache";
export * from "./browser";
export * from "./probe-media";
export * from "./load-script-file";
export * from "./render-outputs";
export * from "./output-presets";
export * from "./quality-report";
export * from "./prepare";
// What the server needs, so it never reaches into the renderer's files.
export { checkRenderInput, withOverrides, type CheckedRenderInput, type ScriptOverrides } from "./prepare-render";
export { runFf } from "./ffmpeg-binaries";
export { PROJECT_ROOT, CACHE_DIR, DEFAULT_CACHE_DIR } from "./project-paths";
export * from "./render-timeouts";
export { runTool, type RunToolOptions, type ToolOutput } from "./run-tool";
export * from "./storage/index";
// A render planned once, then rendered in segments by any backend, then finalised.
export { prepareRender, openPlanRun, renderSegment, finalizeOutput, renderPlannedStill, renderPlanOutput, runPlan, type RenderPlan, type PlannedOutput, type PlanRun, type Segment, type PrepareRenderOptions } from "./render-plan";
export { openRenderSession, withRenderSession, type RenderSession } from "./render-session";
export { storePlanAssets, fetchPlanAssets, STORAGE_SRC } from "./plan-assets";
export * from "./lambda/index";
export * from "./estimate";

import { constants } from "node:fs";
import { randomUUID } from "node:crypto";
import { copyFile, link, mkdir, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { mapScriptSources } from "../../script/script-sources";
import { formatPath } from "../../script/validate-script";
import { frameSize } from "../../script/frame-size";
import { buildTimeline } from "../../script/timeline";
import type { Script } from "../../script/schema";
import { checkRenderInput, OUTPUT_PRESETS, pickCoverFrame, prepareMusicBed, prepareSpeech, renderStill, runFf, type OutputPreset } from "../../renderer/index";
import { ReelgenError } from "../../script/reelgen-error";
import type { ServerContext } from "../context";
import type { Share, ShareAsset, ShareContent } from "../db/tables";
import { MEDIA_REF } from "../renders/check-script-media";
import type { OutputResult } from "../renders/render-view";
import type { NamedOutput } from "../renders/render-request";

/** The poster's resolution: sharp enough for a player's first paint, a fraction of a 1080p frame's bytes. */
const POSTER_RESOLUTION = "720p";
const POSTER = "poster.jpg";

const VIDEO_MIME: Record<string, string> = { mp4: "video/mp4", webm: "video/webm" };

/** The storage folder (key prefix) of a share's files; nothing else is ever served for it. */
export const sharePrefix = (shareId: string) => `shares/${shareId}`;

/** Local scratch space where a share's files are gathered (and its poster rendered) before they go into storage. */
export const shareScratch = (ctx: ServerContext, shareId: string) => path.join(ctx.config.DATA_DIR, "tmp", "shares", shareId);

/**
 * A link to a file (the speech cache's voice) in the share's scratch folder, else a copy; the
 * share's own copy in storage is made from it, so a later cache prune leaves the share playing.
 */
const keepFile = async (from: string, to: string): Promise<void> => {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The same content under the same name (a line spoken twice): already there.
    if (code === "EEXIST") return;
    // Another file system, or one without hard links.
    if (code !== "EXDEV" && code !== "EPERM" && code !== "ENOTSUP" && code !== "EMLINK") throw error;
    await copyFile(from, to, constants.COPYFILE_EXCL).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "EEXIST") throw e;
    });
  }
};

/** Copies a stored object into scratch space; false when it is no longer stored. */
const fetchStored = async (ctx: ServerContext, key: string, file: string): Promise<boolean> => {
  try {
    await ctx.storage.downloadTo(key, file);
    return true;
  } catch (error) {
    if (error instanceof ReelgenError && error.code === "NOT_FOUND") return false;
    throw error;
  }
};

const gone = (what: string) => new ReelgenError({ code: "NOT_FOUND", message: `${what} was deleted before the share was ready` });

/**
 * Prepares a published share once, so anonymous viewers never trigger any work: the project's
 * script is validated, its `media:<id>` sources and every line's voice (the renderer's prepare
 * step, cached by content hash) are gathered under names of their content, and its poster (the
 * cover frame `renderStill` picks) is rendered; a render share keeps its video and captions and
 * takes its poster from the video at the same cover frame. All of it is gathered in local scratch
 * space, then put into storage under `shares/<id>/` (media and outputs are copies: deleting them
 * later leaves the share playing), and the share turns `ready` with what the player needs.
 * Returns `"gone"` when the share was revoked meanwhile (its files are removed), `"ready"`
 * otherwise. Input that can never succeed (the project deleted, a media file gone) throws an input error.
 */
export const prepareShare = async (ctx: ServerContext, shareId: string, options: { signal?: AbortSignal } = {}): Promise<"ready" | "gone"> => {
  const { db } = ctx;
  const share = await db.selectFrom("shares").selectAll().where("id", "=", shareId).executeTakeFirst();
  if (!share || share.status !== "preparing") return "gone";
  const prefix = sharePrefix(shareId);
  const scratch = shareScratch(ctx, shareId);
  const dir = path.join(scratch, `attempt-${randomUUID()}`);
  // A killed attempt's files are garbage now: this attempt makes them all again.
  await rm(scratch, { recursive: true, force: true });
  await ctx.storage.deletePrefix(prefix);
  await mkdir(dir, { recursive: true });
  const assets = new Map<string, ShareAsset>();
  /** Records a file the share serves (`from` outside the folder is linked in first). */
  const keep = async (from: string, name: string, mime: string) => {
    if (from !== path.join(dir, name)) await keepFile(from, path.join(dir, name));
    assets.set(name, { mime, bytes: (await stat(path.join(dir, name))).size });
    return name;
  };
  try {
    const content = share.kind === "project" ? await prepareProject(ctx, share, dir, keep, options.signal) : await prepareRender(ctx, share, dir, keep, options.signal);
    // Only what was recorded is stored (a render's scratch files, if any, stay behind); each put is whole.
    const names = new Set(await readdir(dir));
    for (const [name, asset] of assets) {
      if (!names.has(name)) throw new Error(`share asset ${name} was recorded but not written`);
      await ctx.storage.putFile(`${prefix}/${name}`, path.join(dir, name), { move: true, contentType: asset.mime });
    }
    const updated = await db
      .updateTable("shares")
      .set({ status: "ready", content: JSON.stringify(content), assets: JSON.stringify(Object.fromEntries(assets)), ready_at: new Date(), error: null })
      .where("id", "=", shareId)
      .where("status", "=", "preparing")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return "ready";
  } catch (error) {
    await ctx.storage.deletePrefix(prefix);
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  // Revoked while it was being prepared.
  await ctx.storage.deletePrefix(prefix);
  return "gone";
};

type Keep = (from: string, name: string, mime: string) => Promise<string>;

const prepareProject = async (ctx: ServerContext, share: Share, dir: string, keep: Keep, signal?: AbortSignal): Promise<ShareContent> => {
  const { db, config } = ctx;
  const version =
    share.project_id === null
      ? undefined
      : await db.selectFrom("project_versions").select(["script", "template"]).where("project_id", "=", share.project_id).where("version", "=", share.project_version!).executeTakeFirst();
  if (!version) throw gone("the project");
  const { pack, script } = checkRenderInput(version.script, share.template);

  // `media:<id>` → the owner's file, kept in the share under a name of its content.
  const refs = new Set<string>();
  mapScriptSources(script, (src) => {
    const m = MEDIA_REF.exec(src);
    if (m) refs.add(m[1]!.toLowerCase());
    return src;
  });
  const media = refs.size ? await db.selectFrom("media").select(["id", "storage_path", "sha256", "mime"]).where("user_id", "=", share.user_id).where("id", "in", [...refs]).execute() : [];
  const local = new Map<string, string>();
  for (const m of media) {
    const name = `media-${m.sha256.slice(0, 32)}${path.extname(m.storage_path).toLowerCase()}`;
    if (!(await fetchStored(ctx, m.storage_path, path.join(dir, name)))) continue;
    local.set(m.id, path.join(dir, await keep(path.join(dir, name), name, m.mime)));
  }
  const withFiles = mapScriptSources(script, (src, at) => {
    const file = local.get(MEDIA_REF.exec(src)?.[1]!.toLowerCase() ?? "");
    if (!file) throw new ReelgenError({ code: "ASSET_NOT_FOUND", message: `${formatPath(at)}: ${src} is no longer in the media library` });
    return file;
  });

  // Every line voiced once, here; the voices move into the share (the cache may be pruned later).
  let voiced: Script;
  try {
    voiced = (await prepareSpeech({ script: withFiles, provider: ctx.speechProvider, cacheDir: config.REELGEN_CACHE_DIR, signal })).script;
  } catch (error) {
    if (signal?.aborted || error instanceof ReelgenError) throw error;
    throw new ReelgenError({ code: "SPEECH_FAILED", message: "text-to-speech failed", cause: error });
  }
  const voices = new Map<string, string>();
  for (const scene of voiced.scenes) {
    for (const line of scene.lines) {
      const src = line.speech?.src;
      if (!src || path.dirname(src) === dir || voices.has(src)) continue;
      // The cache names a voice by a hash of what shaped it: the same name is the same sound.
      voices.set(src, path.join(dir, await keep(src, `voice-${path.basename(src, ".wav").toLowerCase()}.wav`, "audio/wav")));
    }
  }
  // `music.mood` without a src: the renderer's bed for the voiced length, kept in the share like a voice.
  const bed = await prepareMusicBed({ script: voiced, durationSec: buildTimeline(voiced, pack.fps).durationInFrames / pack.fps, cacheDir: config.REELGEN_CACHE_DIR, signal });
  if (bed.bed) voices.set(bed.bed.file, path.join(dir, await keep(bed.bed.file, path.basename(bed.bed.file), "audio/wav")));
  const inShare = mapScriptSources(bed.script, (src) => voices.get(src) ?? src);

  const timeline = buildTimeline(inShare, pack.fps);
  const size = frameSize(inShare.format, "1080p");
  let poster: ShareContent["poster"] = null;
  if (share.want_poster) {
    const still = await renderStill({
      script: inShare,
      template: share.template,
      outputPath: path.join(dir, POSTER),
      frame: "auto",
      resolution: POSTER_RESOLUTION,
      // Every line is voiced already: the provider only confirms its voices.
      speechProvider: ctx.speechProvider,
      cacheDir: config.REELGEN_CACHE_DIR,
      browserExecutable: config.REELGEN_BROWSER,
      assetBaseDir: dir,
      signal,
      logLevel: "error",
    });
    await keep(path.join(dir, POSTER), POSTER, "image/jpeg");
    poster = { name: POSTER, width: still.width, height: still.height };
  }
  return {
    fps: pack.fps,
    durationInFrames: timeline.durationInFrames,
    durationSec: timeline.durationInFrames / pack.fps,
    format: inShare.format,
    ...size,
    poster,
    // Sources as asset names: the URL depends on the address the player reaches the server at.
    props: mapScriptSources(inShare, (src) => path.basename(src)),
    video: null,
    captions: null,
  };
};

const prepareRender = async (ctx: ServerContext, share: Share, dir: string, keep: Keep, signal?: AbortSignal): Promise<ShareContent> => {
  const { db, config } = ctx;
  const render = share.render_id === null ? undefined : await db.selectFrom("renders").selectAll().where("id", "=", share.render_id).executeTakeFirst();
  if (!render || render.status !== "completed") throw gone("the render");
  const output = (render.outputs as NamedOutput[]).find((o) => o.name === share.render_output);
  const result = ((render.result as { outputs?: OutputResult[] } | null)?.outputs ?? []).find((o) => o.name === share.render_output);
  if (!output || !result) throw gone("the render's output");
  const ext = path.extname(output.file).slice(1);
  if (!(await fetchStored(ctx, `renders/${render.id}/${output.file}`, path.join(dir, `video.${ext}`)))) throw gone("the render's video");
  const video = await keep(path.join(dir, `video.${ext}`), `video.${ext}`, VIDEO_MIME[ext] ?? "application/octet-stream");
  const vtt = `renders/${render.id}/${path.basename(output.file, path.extname(output.file))}.vtt`;
  const captions = (await fetchStored(ctx, vtt, path.join(dir, "captions.vtt"))) ? await keep(path.join(dir, "captions.vtt"), "captions.vtt", "text/vtt; charset=utf-8") : null;

  const { pack, script } = checkRenderInput(render.script, render.template);
  const durationSec = result.durationSec ?? 0;
  let poster: ShareContent["poster"] = null;
  if (share.want_poster) {
    // The cover frame of the voiced timeline, as a render's thumbnail picks it (the voices come from the cache).
    const voiced = (await prepareSpeech({ script, provider: ctx.speechProvider, cacheDir: config.REELGEN_CACHE_DIR, signal })).script;
    const timeline = buildTimeline(voiced, pack.fps);
    const frame = Math.min(pickCoverFrame(timeline), Math.max(0, Math.floor(durationSec * pack.fps) - 1));
    const short = Math.min(result.width, result.height);
    const scale = short > 720 ? (result.width <= result.height ? ["-vf", "scale=720:-2"] : ["-vf", "scale=-2:720"]) : [];
    await runFf("ffmpeg", ["-v", "error", "-ss", ((frame + 0.5) / pack.fps).toFixed(3), "-i", path.join(dir, video), "-frames:v", "1", ...scale, "-q:v", "3", "-y", path.join(dir, POSTER)], {
      signal: signal ?? null,
      what: "the poster frame",
    });
    await keep(path.join(dir, POSTER), POSTER, "image/jpeg");
    const [w, h] = short > 720 ? (result.width <= result.height ? [720, Math.round((result.height * 720) / result.width / 2) * 2] : [Math.round((result.width * 720) / result.height / 2) * 2, 720]) : [result.width, result.height];
    poster = { name: POSTER, width: w, height: h };
  }
  return {
    fps: pack.fps,
    durationInFrames: Math.round(durationSec * pack.fps),
    durationSec,
    // A preset lays the script out for its platform's frame.
    format: output.preset ? OUTPUT_PRESETS[output.preset as OutputPreset].format : script.format,
    width: result.width,
    height: result.height,
    poster,
    props: null,
    video,
    captions,
  };
};

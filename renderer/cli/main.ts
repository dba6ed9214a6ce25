import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import path from "node:path";
import { estimateLineSeconds, LOOKS, RESOLUTIONS, scriptJsonSchema, validateScript, type Look, type Resolution } from "../../script";
import { OUTPUT_PRESETS, type OutputPreset } from "../output-presets";
import { templatePacks } from "../../templates/registry";
import { loadBrandFile } from "../load-brand-file";
import { loadScriptFile } from "../load-script-file";
import { ReelgenError } from "../../script/reelgen-error";
import { renderStill } from "../render-still";
import { speechProviderFromEnv } from "../prepare";
import { renderOutputs } from "../render-outputs";
import { formatFromExtension, VIDEO_FORMATS, type RenderVideoResult, type VideoFormat } from "../render-video";
import { createProgressReporter } from "./progress-reporter";
import { printRenderEstimate } from "./render-estimate";
import { addLambdaCommand } from "./lambda-command";
import { addVoicesCommand } from "./voices-command";
import { requireTemplatePack } from "../../templates/registry";
import { generateScript, type GeneratedScript, type GenerationProgress } from "../../script/generate/generate-script";

import { chatProviderFromEnv } from "../../script/generate/openai-chat-provider";
import { moderationFromEnv } from "../../script/generate/moderate-text";
import { FORMATS, type Format } from "../../script";
import { mkdir, rename, writeFile } from "node:fs/promises";

/**
 * What the environment configures for the renderer, which reads no environment itself:
 * `TTS_*` (the speech engine), `REELGEN_CACHE_DIR`, `REELGEN_BROWSER`.
 */
const rendererEnv = () => ({
  speechProvider: speechProviderFromEnv(process.env),
  cacheDir: process.env.REELGEN_CACHE_DIR || undefined,
  browserExecutable: process.env.REELGEN_BROWSER || undefined,
});

/** Exit codes: 0 done, 1 the render failed, 2 bad input or usage, 130 interrupted (Ctrl-C). */
const EXIT = { ok: 0, failed: 1, input: 2, interrupted: 130 } as const;

const positiveInt = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number, got "${value}"`);
  return Number(value);
};

const program = new Command("reelgen")
  .description("Script → video: render reelgen scripts with template packs.")
  .showHelpAfterError()
  .exitOverride();

program
  .command("render")
  .description("Render a script to a video file")
  .argument("<script>", "script JSON file")
  .option("-t, --template <id>", "template pack", "minidrama")
  .option("-o, --out <file>", "output file (default: out/<script name>.<format>)")
  .addOption(new Option("-r, --resolution <res>", "short side of the frame").choices(Object.keys(RESOLUTIONS)).default("1080p"))
  .addOption(new Option("-f, --format <format>", "mp4 (H.264), webm (VP9), gif, prores (.mov); default from --out, else mp4").choices(Object.keys(VIDEO_FORMATS)))
  .option("-p, --preset <names>", `platform preset(s), comma-separated, one output each: ${Object.keys(OUTPUT_PRESETS).join(", ")}`)
  .addOption(new Option("--look <name>", "colour grade for the whole video").choices(LOOKS))
  .option("--music <file>", "background music (ducked under speech)")
  .option("--brand <file>", "brand kit JSON: logo watermark, colours, font")
  .option("--thumbnail [file]", "also write a cover image (default: <out>.png)")
  .option("-c, --concurrency <n>", "browser tabs rendering in parallel (default: cores)", positiveInt("--concurrency"))
  .option("--no-voice", "render silent, captions-only (no text-to-speech)")
  .option("--strict", "quality-gate warnings fail the command (exit 1); files are kept")
  .option("--json", "print the summary as JSON")
  .option("--verbose", "show Remotion's own log")
  .option("--estimate", "print how long the render would take (here and on Lambda) and what Lambda would cost; renders nothing")
  .action(async (scriptFile: string, opts: { template: string; out?: string; resolution: Resolution; format?: VideoFormat; preset?: string; look?: Look; music?: string; brand?: string; thumbnail?: string | true; concurrency?: number; voice: boolean; strict?: boolean; json?: boolean; verbose?: boolean; estimate?: boolean }) => {
    const format = opts.format ?? (opts.out ? formatFromExtension(opts.out) : null) ?? "mp4";
    const out = opts.out ?? path.join("out", `${path.basename(scriptFile, path.extname(scriptFile))}.${VIDEO_FORMATS[format].extension}`);
    const presets = (opts.preset?.split(",").map((p) => p.trim()).filter(Boolean) ?? []) as OutputPreset[];
    // One preset writes to --out; several write <out>-<preset>.<ext> each.
    const outputs = presets.length > 1
      ? presets.map((preset) => ({ preset, outputPath: out.replace(/(\.[^./]+)$/, `-${preset}$1`) }))
      : [{ preset: presets[0], outputPath: out }];
    const { json, baseDir } = await loadScriptFile(scriptFile);
    const brand = opts.brand ? await loadBrandFile(opts.brand) : undefined;
    if (opts.estimate) {
      await withInterrupt((signal) =>
        printRenderEstimate({ script: json, template: opts.template, outputs: outputs.map((o) => ({ ...o, resolution: opts.resolution, format })), look: opts.look, music: opts.music ? { src: path.resolve(opts.music) } : undefined, brand, voice: opts.voice, assetBaseDir: baseDir, concurrency: opts.concurrency, json: Boolean(opts.json), signal, ...rendererEnv() }),
      );
      return;
    }
    const progress = createProgressReporter(process.stderr);
    const result = await withInterrupt((signal) =>
      renderOutputs({
        script: json,
        template: opts.template,
        outputs: outputs.map((o) => ({ ...o, resolution: opts.resolution, format })),
        thumbnail: opts.thumbnail ? { outputPath: opts.thumbnail === true ? out.replace(/\.[^./]+$/, ".png") : opts.thumbnail } : undefined,
        look: opts.look,
        // A music file named on the command line is relative to where the command runs.
        music: opts.music ? { src: path.resolve(opts.music) } : undefined,
        brand,
        concurrency: opts.concurrency,
        voice: opts.voice,
        strict: opts.strict,
        assetBaseDir: baseDir,
        logLevel: opts.verbose ? "verbose" : "error",
        onProgress: progress.update,
        signal,
        ...rendererEnv(),
      }).finally(progress.stop),
    );
    if (opts.json) {
      // One output prints its summary alone (as before); several print them all.
      const summary = result.videos.length === 1 && !result.thumbnail ? result.videos[0] : result;
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      return;
    }
    for (const video of result.videos) process.stdout.write(describeVideo(video));
    if (result.thumbnail) process.stdout.write(`✔ ${path.relative(process.cwd(), result.thumbnail.outputPath)} · cover at frame ${result.thumbnail.frame}\n`);
  });

/** Options shared by `script` and `make`: the brief. */
type BriefOptions = { template: string; seconds?: number; format?: Format; genre?: string; tone?: string; language?: string; characters?: string; continue?: string };

const briefFrom = async (prompt: string, opts: BriefOptions & { episodes?: number }) => {
  requireTemplatePack(opts.template);
  let previous: unknown;
  if (opts.continue) previous = (await loadScriptFile(opts.continue)).json;
  return {
    prompt,
    template: opts.template,
    format: opts.format,
    genre: opts.genre,
    tone: opts.tone,
    language: opts.language,
    targetSeconds: opts.seconds,
    episodes: opts.episodes,
    characters: opts.characters?.split(",").map((name) => ({ name: name.trim() })).filter((c) => c.name),
    previous,
  };
};

/** Generates with the configured model (LLM_BASE_URL…) or the offline writer, reporting each stage on stderr. */
const writeScripts = async (brief: Awaited<ReturnType<typeof briefFrom>>, signal: AbortSignal, quiet: boolean): Promise<GeneratedScript[]> => {
  const provider = chatProviderFromEnv();
  if (!quiet) process.stderr.write(provider ? `script: writing with ${provider.name} (${provider.model})\n` : "script: writing offline (deterministic writer; set LLM_BASE_URL for a model)\n");
  const onProgress = (p: GenerationProgress) => {
    if (quiet || p.stage === "done") return;
    const episode = p.episodes > 1 ? ` episode ${p.episode}/${p.episodes}` : "";
    process.stderr.write(`script:${episode} ${p.stage}${p.attempt ? ` (attempt ${p.attempt})` : ""}\n`);
  };
  const pack = requireTemplatePack(brief.template);
  return generateScript({
    brief,
    writer: pack.writer,
    provider,
    schema: pack.schema as unknown as Parameters<typeof generateScript>[0]["schema"],
    moderation: moderationFromEnv(),
    onProgress,
    signal,
  });
};

const describeGenerated = (g: GeneratedScript, file: string | null) =>
  `✔ ${file ? path.relative(process.cwd(), file) : "script"} · "${g.script.title}" · ${g.script.characters.length} characters, ${g.script.scenes.length} scenes, ${g.script.scenes.reduce((n, s) => n + s.lines.length, 0)} lines · about ${Math.round(g.estimatedSeconds)} s · ${
    g.usage.offline ? "offline writer" : `${g.usage.model}: ${g.usage.attempts} request(s), ${g.usage.totalTokens} tokens, ${(g.usage.latencyMs / 1000).toFixed(1)} s`
  }\n`;

/** Writes a file whole or not at all. */
const writeJsonFile = async (file: string, value: unknown) => {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`);
  await rename(temp, file);
};

const addBriefOptions = (command: Command) =>
  command
    .option("-t, --template <id>", "template pack", "minidrama")
    .option("-s, --seconds <n>", "target length in seconds (±20%)", positiveInt("--seconds"))
    .addOption(new Option("-f, --format <ratio>", "aspect ratio").choices(FORMATS))
    .option("--genre <genre>", "e.g. thriller, comedy")
    .option("--tone <tone>", "e.g. tense, light-hearted")
    .option("--language <tag>", "language of the dialogue, e.g. en, pt-BR")
    .option("--characters <names>", "comma-separated character names to use")
    .option("--continue <script.json>", "continue the story of this script (same characters)");

addBriefOptions(
  program
    .command("script")
    .description("write a script from a prompt, with the configured model (LLM_BASE_URL, LLM_API_KEY, LLM_MODEL) or offline")
    .argument("<prompt>", "what the video is about"),
)
  .option("-e, --episodes <n>", "write a series of n episodes (same characters throughout)", positiveInt("--episodes"))
  .option("-o, --out <file>", "where to write the script JSON (a series writes <name>-1.json, <name>-2.json, …); default: print it")
  .option("--json", "print the result and usage as JSON")
  .action(async (prompt: string, opts: BriefOptions & { episodes?: number; out?: string; json?: boolean }) => {
    const brief = await briefFrom(prompt, opts);
    const generated = await withInterrupt((signal) => writeScripts(brief, signal, Boolean(opts.json)));
    const files = opts.out ? generated.map((_, i) => (generated.length > 1 ? opts.out!.replace(/(\.[^./]+)?$/, (ext) => `-${i + 1}${ext || ".json"}`) : opts.out!)) : [];
    for (const [i, g] of generated.entries()) if (files[i]) await writeJsonFile(files[i]!, g.script);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(generated.map((g, i) => ({ file: files[i] ?? null, script: g.script, estimatedSeconds: g.estimatedSeconds, usage: g.usage })), null, 2)}\n`);
      return;
    }
    if (!opts.out) {
      process.stdout.write(`${JSON.stringify(generated.length === 1 ? generated[0]!.script : generated.map((g) => g.script), null, 2)}\n`);
      return;
    }
    for (const [i, g] of generated.entries()) process.stdout.write(describeGenerated(g, files[i] ?? null));
  });

addBriefOptions(
  program
    .command("make")
    .description("write a script from a prompt, validate it and render it, in one step")
    .argument("<prompt>", "what the video is about"),
)
  .option("-o, --out <file>", "output video (the script is saved beside it as <name>.script.json)", "out/video.mp4")
  .addOption(new Option("-r, --resolution <res>", "short side of the frame").choices(Object.keys(RESOLUTIONS)).default("1080p"))
  .option("--no-voice", "render silent, captions-only (no text-to-speech)")
  .option("--json", "print the script usage and the render summary as JSON")
  .action(async (prompt: string, opts: BriefOptions & { out: string; resolution: Resolution; voice: boolean; json?: boolean }) => {
    const brief = await briefFrom(prompt, opts);
    const format = formatFromExtension(opts.out) ?? "mp4";
    const scriptFile = opts.out.replace(/(\.[^./]+)?$/, ".script.json");
    const result = await withInterrupt(async (signal) => {
      const [generated] = await writeScripts(brief, signal, Boolean(opts.json));
      await writeJsonFile(scriptFile, generated!.script);
      if (!opts.json) process.stderr.write(describeGenerated(generated!, scriptFile));
      const progress = createProgressReporter(process.stderr);
      const rendered = await renderOutputs({
        script: generated!.script,
        template: opts.template,
        outputs: [{ outputPath: opts.out, resolution: opts.resolution, format }],
        voice: opts.voice,
        logLevel: "error",
        onProgress: progress.update,
        signal,
        ...rendererEnv(),
      }).finally(progress.stop);
      return { generated: generated!, video: rendered.videos[0]! };
    });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ scriptFile, usage: result.generated.usage, estimatedSeconds: result.generated.estimatedSeconds, video: result.video }, null, 2)}\n`);
      return;
    }
    process.stdout.write(describeVideo(result.video));
  });

/** The human summary of one rendered video. */
const describeVideo = (result: RenderVideoResult) =>
  [
    `✔ ${path.relative(process.cwd(), result.outputPath) || result.outputPath}`,
    `  ${result.width}×${result.height} ${result.codec} · ${result.durationSec.toFixed(2)} s (${result.durationInFrames} frames at ${result.fps} fps) · ${formatBytes(result.sizeBytes)}`,
    `  wall time ${result.wallSeconds.toFixed(1)} s · ${result.renderFps.toFixed(1)} frames/s · bundle ${result.bundle.cached ? "cached (skipped bundling)" : `built in ${result.bundle.seconds.toFixed(1)} s`}`,
    result.speech ? `  voices: ${result.speech.synthesized} lines synthesized, ${result.speech.cached} from cache` : "  voices: off",
    result.loudness?.normalized ? `  loudness: ${result.loudness.inputLufs.toFixed(1)} → ${result.loudness.outputLufs.toFixed(1)} LUFS` : null,
    result.captions ? `  captions: ${path.relative(process.cwd(), result.captions.srt)}, ${path.relative(process.cwd(), result.captions.vtt)}` : null,
    `  quality: ${result.quality.ok ? "✔ all checks passed" : "⚠ warnings"} (${path.relative(process.cwd(), result.quality.file)})`,
    ...result.quality.checks.filter((c) => c.status === "warn").map((c) => `    ⚠ ${c.id}: ${c.message}`),
    "",
  ]
    .filter((l) => l !== null)
    .join("\n");

program
  .command("still")
  .description("Render one frame of a script as an image")
  .argument("<script>", "script JSON file")
  .option("-t, --template <id>", "template pack", "minidrama")
  .option("--frame <n>", 'frame number, or "auto" for a cover frame picked from the script', (v: string) => (v === "auto" ? v : positiveInt("--frame")(v)), "auto")
  .requiredOption("-o, --out <file>", "output image (.png or .jpg)")
  .addOption(new Option("-r, --resolution <res>", "short side of the frame").choices(Object.keys(RESOLUTIONS)).default("1080p"))
  .option("--no-voice", "time lines by reading speed instead of their speech")
  .option("--json", "print the summary as JSON")
  .action(async (scriptFile: string, opts: { template: string; frame: number | "auto"; out: string; resolution: Resolution; voice: boolean; json?: boolean }) => {
    const { json, baseDir } = await loadScriptFile(scriptFile);
    const result = await withInterrupt((signal) =>
      renderStill({ script: json, template: opts.template, outputPath: opts.out, frame: opts.frame, resolution: opts.resolution, voice: opts.voice, assetBaseDir: baseDir, signal, ...rendererEnv() }),
    );
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(`✔ ${path.relative(process.cwd(), result.outputPath)} · frame ${result.frame} of ${result.durationInFrames} · ${result.width}×${result.height} · ${result.wallSeconds.toFixed(1)} s\n`);
  });

program
  .command("validate")
  .description("Check a script against the Script format; lists every problem with its JSON path")
  .argument("<script>", "script JSON file")
  .option("--json", "print the result as JSON")
  .action(async (scriptFile: string, opts: { json?: boolean }) => {
    const { json } = await loadScriptFile(scriptFile);
    const result = validateScript(json);
    if (!result.ok) {
      throw new ReelgenError({ code: "INVALID_SCRIPT", message: `${scriptFile} is not a valid script`, problems: result.problems });
    }
    const lines = result.script.scenes.flatMap((s) => s.lines);
    const seconds = lines.reduce((sum, l) => sum + (l.durationSec ?? estimateLineSeconds(l.text)), 0);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ ok: true, scenes: result.script.scenes.length, lines: lines.length, estimatedSeconds: seconds }, null, 2)}\n`);
    } else {
      process.stdout.write(`✔ ${scriptFile} is a valid script: ${result.script.scenes.length} scenes, ${lines.length} lines, about ${seconds.toFixed(0)} s of dialogue\n`);
    }
  });

program
  .command("templates")
  .description("List the template packs")
  .option("--json", "print as JSON")
  .action((opts: { json?: boolean }) => {
    if (opts.json) {
      const list = templatePacks.map((p) => ({ id: p.id, title: p.title, description: p.description, formats: p.formats }));
      process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return;
    }
    for (const p of templatePacks) process.stdout.write(`${p.id.padEnd(16)} ${p.description} [${p.formats.join(", ")}]\n`);
  });

program
  .command("previews")
  .description("Write a preview thumbnail of every template pack (its Studio defaults at a cover frame)")
  .option("-o, --out <dir>", "folder for <template>.png", "out/previews")
  .addOption(new Option("-r, --resolution <res>", "short side of the frame").choices(Object.keys(RESOLUTIONS)).default("480p"))
  .action(async (opts: { out: string; resolution: Resolution }) => {
    for (const pack of templatePacks) {
      const result = await withInterrupt((signal) =>
        renderStill({ script: pack.defaultProps, template: pack.id, outputPath: path.join(opts.out, `${pack.id}.png`), resolution: opts.resolution, voice: false, signal, ...rendererEnv() }),
      );
      process.stdout.write(`✔ ${path.relative(process.cwd(), result.outputPath)} · frame ${result.frame} · ${result.width}×${result.height}\n`);
    }
  });

program
  .command("schema")
  .description("Print the Script format as JSON Schema")
  .action(() => {
    process.stdout.write(`${JSON.stringify(scriptJsonSchema(), null, 2)}\n`);
  });

/** Runs `work` with a signal that Ctrl-C (or SIGTERM) aborts; a second Ctrl-C exits at once. */
const withInterrupt = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write("\nCancelling…\n");
    controller.abort();
  };
  // Remotion's browser runner answers SIGINT with process.exit(130) once Chrome is up, so the
  // farewell is said on exit; the renderer's exit hook removes the unfinished file.
  const onExit = () => {
    if (controller.signal.aborted) process.stderr.write("Cancelled; no output was written.\n");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", onExit);
  try {
    return await work(controller.signal);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", onExit);
  }
};

addLambdaCommand(program);
addVoicesCommand(program);

const formatBytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(0)} kB`);

const main = async () => {
  try {
    await program.parseAsync(process.argv);
    process.exitCode = EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is a usage error.
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.input;
      return;
    }
    if ((err as Error).name === "AbortError") {
      process.stderr.write("Cancelled; no output was written.\n");
      process.exitCode = EXIT.interrupted;
      return;
    }
    if (err instanceof ReelgenError) {
      if (err.code === "ABORTED") {
        process.stderr.write("Cancelled; no output was written.\n");
        process.exitCode = EXIT.interrupted;
        return;
      }
      // A message that lists its problems is shown as its heading, then one problem per line.
      const first = err.problems[0] ? err.message.indexOf(`${err.problems[0].path}: `) : -1;
      const heading = first >= 0 ? err.message.slice(0, first).trimEnd() : err.message;
      const detail = [heading, ...err.problems.map((p) => `  ${p.path}: ${p.message}`)].filter(Boolean).join("\n");
      process.stderr.write(`error [${err.code}]: ${detail}\n`);
      // What a tool printed is never in the message; --verbose shows it.
      if (process.argv.includes("--verbose")) for (let cause = err.cause; cause instanceof Error; cause = cause.cause) process.stderr.write(`  caused by: ${cause.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = EXIT.failed;
  }
};

await main();

import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { ReelgenError, type Problem } from "../../script/reelgen-error";
import type { ServerContext } from "../context";
import type { User } from "../db/tables";
import { OutputRequest } from "./render-request";
import type { RenderService } from "./render-service";

export const MAX_BATCH_ROWS = 5000;

export const BatchRequest = z
  .object({
    template: z.string().min(1).max(100),
    outputs: z.array(OutputRequest).min(1).max(10),
    scripts: z.array(z.unknown()).min(1).max(MAX_BATCH_ROWS).optional().describe("One script per render"),
    scriptTemplate: z.unknown().optional().describe("A script whose strings may hold `{{column}}` placeholders, filled from each row"),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))).min(1).max(MAX_BATCH_ROWS).optional(),
    csv: z.string().max(5_000_000).optional().describe("CSV text with a header row; each row fills `scriptTemplate`"),
  })
  .superRefine((value, ctx) => {
    const sources = [value.scripts, value.rows, value.csv].filter((v) => v !== undefined).length;
    if (sources !== 1) ctx.addIssue({ code: "custom", path: ["scripts"], message: "give exactly one of scripts, rows or csv" });
    if ((value.rows || value.csv !== undefined) && value.scriptTemplate === undefined) {
      ctx.addIssue({ code: "custom", path: ["scriptTemplate"], message: "rows and csv need a scriptTemplate" });
    }
  })
  .meta({ id: "BatchRequest" });
export type BatchRequest = z.infer<typeof BatchRequest>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/** Fills `{{column}}` in every string of the template; a column the row lacks is a problem at that JSON path. */
const fillTemplate = (template: unknown, row: Record<string, unknown>, problems: Problem[], path = "scriptTemplate"): unknown => {
  if (typeof template === "string") {
    return template.replace(PLACEHOLDER, (whole, column: string) => {
      const value = row[column];
      // An empty CSV cell is a missing value too: "welcome to !" is never what was meant.
      if (value === undefined || value === null || value === "") {
        problems.push({ path, message: `row has no value for {{${column}}}` });
        return whole;
      }
      return String(value);
    });
  }
  if (Array.isArray(template)) return template.map((item, i) => fillTemplate(item, row, problems, `${path}[${i}]`));
  if (template && typeof template === "object") {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillTemplate(v, row, problems, `${path}.${k}`)]));
  }
  return template;
};

/**
 * A batch: one render per script or row. Every row is validated on its own; invalid rows (and
 * rows past the render-minutes quota) are reported with their problems, valid rows are queued.
 */
export const createBatchService = (ctx: ServerContext, renders: RenderService) => ({
  async submit(user: User, request: BatchRequest) {
    let scripts: { script: unknown; problems: Problem[] }[];
    if (request.scripts) {
      scripts = request.scripts.map((script) => ({ script, problems: [] }));
    } else {
      let rows: Record<string, unknown>[];
      if (request.csv !== undefined) {
        try {
          rows = parse(request.csv, { columns: true, skip_empty_lines: true, trim: true, bom: true, max_record_size: 100_000 }) as Record<string, string>[];
        } catch (error) {
          throw new ReelgenError({ code: "VALIDATION_FAILED", message: `csv: ${(error as Error).message}`, problems: [{ path: "body.csv", message: (error as Error).message }] });
        }
        if (rows.length === 0) throw new ReelgenError({ code: "VALIDATION_FAILED", message: "csv has no rows", problems: [{ path: "body.csv", message: "no rows after the header" }] });
        if (rows.length > MAX_BATCH_ROWS) throw new ReelgenError({ code: "VALIDATION_FAILED", message: `csv has ${rows.length} rows; at most ${MAX_BATCH_ROWS}`, problems: [{ path: "body.csv", message: "too many rows" }] });
      } else {
        rows = request.rows!;
      }
      scripts = rows.map((row) => {
        const problems: Problem[] = [];
        const script = fillTemplate(request.scriptTemplate, row, problems, "body.scriptTemplate");
        return { script, problems };
      });
    }

    const batchId = randomUUID();
    await ctx.db.insertInto("batches").values({ id: batchId, user_id: user.id, total: scripts.length, accepted: 0, rejected: "[]" }).execute();
    const accepted: { row: number; id: string }[] = [];
    const rejected: { row: number; code: string; message: string; problems: Problem[] }[] = [];
    for (const [row, { script, problems }] of scripts.entries()) {
      if (problems.length) {
        rejected.push({ row, code: "VALIDATION_FAILED", message: problems.map((p) => `${p.path}: ${p.message}`).join("; "), problems });
        continue;
      }
      try {
        const checked = await renders.check(user, { template: request.template, script, outputs: request.outputs }, `rows[${row}]`);
        const render = await renders.create(user, checked, { batchId });
        accepted.push({ row, id: render.id });
      } catch (error) {
        if (!(error instanceof ReelgenError) || error.code === "SERVICE_UNAVAILABLE" || error.code === "INTERNAL") {
          // The queue or database is failing: stop here and say how far the batch got.
          await recordBatch(ctx, batchId, accepted.length, rejected);
          throw error;
        }
        rejected.push({ row, code: error.code, message: error.message, problems: error.problems });
      }
    }
    await recordBatch(ctx, batchId, accepted.length, rejected);
    return { batchId, total: scripts.length, accepted: accepted.length, renders: accepted, rejected };
  },
});

const recordBatch = (ctx: ServerContext, batchId: string, accepted: number, rejected: unknown[]) =>
  ctx.db.updateTable("batches").set({ accepted, rejected: JSON.stringify(rejected) }).where("id", "=", batchId).execute();

export type BatchService = ReturnType<typeof createBatchService>;

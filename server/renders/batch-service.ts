import { randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { ReelgenError, type Problem } from "../../script/reelgen-error";
import { formatPath, underPath } from "../../script/validate-script";
import type { Principal } from "../auth/principal";
import { REQUEST_LIMITS } from "../config";
import type { ServerContext } from "../context";
import { countJsonValues } from "./count-json-values";
import { OutputList } from "./render-request";
import type { RenderService } from "./render-service";

/** What one cell of a row may hold. */
const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
type Cell = z.infer<typeof Cell>;

/** One JSON row: column name → value. The service checks rows (`checkJsonRows`) once their number is allowed. */
const BatchRow = z.record(z.string(), Cell);
// The row's JSON Schema for the OpenAPI document, which has its own `$schema`.
const { $schema: _dialect, ...batchRowSchema } = z.toJSONSchema(BatchRow);

export const BatchRequest = z
  .object({
    template: z.string().min(1).max(100),
    outputs: OutputList,
    // Counted against the caller's tier before any is looked at (maxBatchRows), so no static maximum here.
    scripts: z.array(z.unknown()).min(1).optional().describe("One script per render"),
    scriptTemplate: z.unknown().optional().describe("A script whose strings may hold `{{column}}` placeholders, filled from each row"),
    // Items are checked by the service once their number is known to be allowed: zod would first walk every one.
    rows: z
      .array(z.unknown())
      .min(1)
      .optional()
      .describe("Rows (objects of column → string, number, boolean or null); each fills `scriptTemplate`")
      .meta({ override: { items: batchRowSchema } }),
    csv: z.string().optional().describe("CSV text with a header row of unique column names; each row fills `scriptTemplate`"),
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

/** A column no row may have: a plain object cannot hold it as its own key, and zod and `{}` silently drop or misread it. */
const FORBIDDEN_COLUMN = "__proto__";

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

const tooLarge = (path: string, message: string) => new ReelgenError({ code: "PAYLOAD_TOO_LARGE", message: `${path}: ${message}`, problems: [{ path, message }] });
const invalid = (problems: Problem[]) => new ReelgenError({ code: "VALIDATION_FAILED", message: `invalid batch: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems });

/**
 * The CSV's header and data records (as arrays of cells), at most `maxRows + 1` data records
 * parsed (one more than allowed, to tell "too many" without parsing everything). Refuses an empty,
 * repeated or `__proto__` header: a repeated one would silently lose a column.
 */
const parseCsv = (csv: string, maxRows: number): { header: string[]; records: string[][] } => {
  let records: string[][];
  try {
    records = parse(csv, { skip_empty_lines: true, trim: true, bom: true, max_record_size: REQUEST_LIMITS.csvRecordChars, to: maxRows + 2 }) as string[][];
  } catch (error) {
    throw invalid([{ path: "body.csv", message: (error as Error).message }]);
  }
  const [header, ...data] = records;
  if (!header || data.length === 0) throw invalid([{ path: "body.csv", message: "no rows after the header" }]);
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === "") problems.push({ path: "body.csv", message: `column ${i + 1} has no header` });
    else if (name === FORBIDDEN_COLUMN) problems.push({ path: "body.csv", message: `the header "${name}" cannot name a column` });
    else if (seen.has(name)) problems.push({ path: "body.csv", message: `the header "${name}" appears twice (columns ${seen.get(name)! + 1} and ${i + 1})` });
    else seen.set(name, i);
  });
  if (problems.length) throw invalid(problems);
  return { header, records: data };
};

/** Checks every JSON row's shape (cheap: no copies), so a malformed row refuses the whole batch before any work. */
const checkJsonRows = (rows: unknown[]): void => {
  const problems: Problem[] = [];
  for (const [i, row] of rows.entries()) {
    if (problems.length >= REQUEST_LIMITS.problemsListed) break;
    const at = `body.rows[${i}]`;
    // JSON.parse keeps "__proto__" as an own key; zod would drop it without a word.
    if (row !== null && typeof row === "object" && Object.hasOwn(row, FORBIDDEN_COLUMN)) {
      problems.push({ path: underPath(at, formatPath([FORBIDDEN_COLUMN])), message: `"${FORBIDDEN_COLUMN}" cannot name a column` });
      continue;
    }
    const parsed = BatchRow.safeParse(row);
    if (!parsed.success) for (const issue of parsed.error.issues) problems.push({ path: underPath(at, formatPath(issue.path as (string | number)[])), message: issue.message });
  }
  if (problems.length) throw invalid(problems.slice(0, REQUEST_LIMITS.problemsListed));
};

/** Thrown inside a fill when the filled script grows past `batchRowChars`; `at` is where. */
class RowTooLarge {
  constructor(readonly at: (string | number)[]) {}
}

type Fill = { row: ReadonlyMap<string, Cell>; at: (string | number)[]; chars: number; problems: Problem[]; more: number };

const grow = (fill: Fill, chars: number) => {
  fill.chars += chars;
  if (fill.chars > REQUEST_LIMITS.batchRowChars) throw new RowTooLarge([...fill.at]);
};

/**
 * Fills `{{column}}` in every string of the template from the row's own values (a Map: nothing
 * inherited, so `{{constructor}}` is a missing value like any other). Counts the characters it
 * produces and stops as soon as they pass `batchRowChars`, before building the piece that would:
 * one long cell repeated in many placeholders cannot grow a row past the limit. Recursion is
 * bounded: the request edge refuses JSON nested deeper than `REQUEST_LIMITS.jsonDepth`.
 */
const fillValue = (template: unknown, fill: Fill): unknown => {
  if (typeof template === "string") {
    let out = "";
    let last = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
      const value = fill.row.get(match[1]!);
      let piece: string;
      // An empty CSV cell is a missing value too: "welcome to !" is never what was meant.
      if (value === undefined || value === null || value === "") {
        if (fill.problems.length < REQUEST_LIMITS.batchRowProblems) fill.problems.push({ path: underPath("body.scriptTemplate", formatPath(fill.at)), message: `row has no value for {{${match[1]}}}` });
        else fill.more++;
        piece = match[0];
      } else {
        piece = String(value);
      }
      grow(fill, match.index - last + piece.length);
      out += template.slice(last, match.index) + piece;
      last = match.index + match[0].length;
    }
    grow(fill, template.length - last + 2);
    return out + template.slice(last);
  }
  if (Array.isArray(template)) {
    grow(fill, 2);
    return template.map((item, i) => {
      fill.at.push(i);
      const filled = fillValue(item, fill);
      fill.at.pop();
      return filled;
    });
  }
  if (template !== null && typeof template === "object") {
    grow(fill, 2);
    // fromEntries defines own properties: a "__proto__" key in the template stays a plain key.
    return Object.fromEntries(
      Object.entries(template).map(([key, item]) => {
        grow(fill, key.length + 4);
        fill.at.push(key);
        const filled = fillValue(item, fill);
        fill.at.pop();
        return [key, filled];
      }),
    );
  }
  grow(fill, String(template).length);
  return template;
};

type Rejected = { row: number; code: string; message: string; problems: Problem[] };

/**
 * A rejected row listing at most `batchRowProblems` problems (thousands of bad rows must still make
 * a small answer and a small stored batch); the message says how many more there were.
 */
const rejectedRow = (row: number, code: string, problems: Problem[], more = 0): Rejected => {
  const listed = problems.slice(0, REQUEST_LIMITS.batchRowProblems);
  const hidden = more + problems.length - listed.length;
  const message = listed.map((p) => `${p.path}: ${p.message}`).join("; ") + (hidden > 0 ? `; and ${hidden} more` : "");
  return { row, code, message, problems: listed };
};

/**
 * A batch: one render per script or row. The request is measured before any work — rows against
 * the tier's `maxBatchRows`, the template against `batchTemplateValues`, rows × template values
 * against `batchWork` — and refused whole (413, naming the field) past a limit; so is a malformed
 * row or CSV header (400). Then rows are filled, checked and queued one at a time, giving the
 * event loop a turn between rows so the server keeps answering. Invalid rows (and rows past the
 * render-minutes quota) are reported with their problems; valid rows are queued.
 */
export const createBatchService = (ctx: ServerContext, renders: RenderService) => ({
  async submit(principal: Principal, request: BatchRequest) {
    const { user } = principal;
    // An API key without renders:write is refused before anything is measured or written.
    renders.requireCreate(principal);
    const maxRows = ctx.config.TIERS[user.role].maxBatchRows;
    const overTier = (path: string, has: string) => tooLarge(path, `${has}; the ${user.role} tier allows at most ${maxRows} renders in one batch`);

    let total: number;
    let scriptOf: (row: number) => { script: unknown; problems: Problem[]; more: number } | RowTooLarge;
    if (request.scripts) {
      const scripts = request.scripts;
      if (scripts.length > maxRows) throw overTier("body.scripts", `has ${scripts.length} scripts`);
      total = scripts.length;
      scriptOf = (row) => ({ script: scripts[row], problems: [], more: 0 });
    } else {
      const templateValues = countJsonValues(request.scriptTemplate, REQUEST_LIMITS.batchTemplateValues);
      if (templateValues > REQUEST_LIMITS.batchTemplateValues) {
        throw tooLarge("body.scriptTemplate", `holds more than ${REQUEST_LIMITS.batchTemplateValues} JSON values (strings, numbers, arrays, objects); a batch's template may hold at most that many`);
      }
      let rowAt: (row: number) => ReadonlyMap<string, Cell>;
      let field: string;
      if (request.csv !== undefined) {
        field = "body.csv";
        const { header, records } = parseCsv(request.csv, maxRows);
        if (records.length > maxRows) throw overTier(field, `has more than ${maxRows} rows`);
        total = records.length;
        rowAt = (row) => new Map(header.map((name, i) => [name, records[row]![i]!]));
      } else {
        field = "body.rows";
        const rows = request.rows!;
        if (rows.length > maxRows) throw overTier(field, `has ${rows.length} rows`);
        checkJsonRows(rows);
        total = rows.length;
        rowAt = (row) => new Map(Object.entries(rows[row] as Record<string, Cell>));
      }
      if (total * templateValues > REQUEST_LIMITS.batchWork) {
        throw tooLarge(
          field,
          `${total} rows × ${templateValues} template values is more than ${REQUEST_LIMITS.batchWork}, the work one batch may create; send at most ${Math.floor(REQUEST_LIMITS.batchWork / templateValues)} rows with this template`,
        );
      }
      scriptOf = (row) => {
        const fill: Fill = { row: rowAt(row), at: [], chars: 0, problems: [], more: 0 };
        try {
          return { script: fillValue(request.scriptTemplate, fill), problems: fill.problems, more: fill.more };
        } catch (error) {
          if (error instanceof RowTooLarge) return error;
          throw error;
        }
      };
    }

    const batchId = randomUUID();
    await ctx.db.insertInto("batches").values({ id: batchId, user_id: user.id, total, accepted: 0, rejected: "[]" }).execute();
    const accepted: { row: number; id: string }[] = [];
    const rejected: Rejected[] = [];
    for (let row = 0; row < total; row++) {
      // One row at a time, and a turn of the event loop between rows: other requests are answered meanwhile.
      if (row > 0) await nextTurn();
      const filled = scriptOf(row);
      if (filled instanceof RowTooLarge) {
        const path = underPath("body.scriptTemplate", formatPath(filled.at));
        rejected.push(rejectedRow(row, "PAYLOAD_TOO_LARGE", [{ path, message: `filled from this row, the script grows past ${REQUEST_LIMITS.batchRowChars} characters` }]));
        continue;
      }
      if (filled.problems.length) {
        rejected.push(rejectedRow(row, "VALIDATION_FAILED", filled.problems, filled.more));
        continue;
      }
      try {
        const checked = await renders.check(principal, { template: request.template, script: filled.script, outputs: request.outputs }, `rows[${row}]`);
        const render = await renders.create(user, checked, { batchId });
        accepted.push({ row, id: render.id });
      } catch (error) {
        if (!(error instanceof ReelgenError) || !error.isInputError || error.code === "FORBIDDEN") {
          // The queue or database is failing: stop here and say how far the batch got.
          await recordBatch(ctx, batchId, accepted.length, rejected);
          throw error;
        }
        // A problem-less refusal (the render-minutes quota) keeps its own message.
        rejected.push(error.problems.length ? rejectedRow(row, error.code, error.problems) : { row, code: error.code, message: error.message, problems: [] });
      }
    }
    await recordBatch(ctx, batchId, accepted.length, rejected);
    return { batchId, total, accepted: accepted.length, renders: accepted, rejected };
  },
});

const recordBatch = (ctx: ServerContext, batchId: string, accepted: number, rejected: unknown[]) =>
  ctx.db.updateTable("batches").set({ accepted, rejected: JSON.stringify(rejected) }).where("id", "=", batchId).execute();

export type BatchService = ReturnType<typeof createBatchService>;

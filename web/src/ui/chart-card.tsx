import type { ReactNode } from "react";
import { Card } from "./card";

/** The chart palette, from the design tokens (recharts takes colours as values, not classes). */
/** Y-axis ticks: two significant digits, so small fractions (0.0225) fit the axis. */
export const tickNumber = (value: number): string => String(Number(value.toPrecision(2)));

export const CHART_COLORS = { accent: "#5a3ff0", success: "#13704a", danger: "#c0262d", warning: "#8a5a00", muted: "#575766", line: "#e3e3ea" } as const;

/**
 * A card holding a chart, with the chart's data also as a visually hidden table: SVG charts say
 * nothing to screen readers, the table does. `summary` is one sentence under the title.
 */
export const ChartCard = ({ title, summary, table, children, className = "" }: { title: string; summary?: ReactNode; table: { columns: string[]; rows: (string | number)[][] }; children: ReactNode; className?: string }) => (
  <Card title={title} className={className}>
    {summary ? <p className="-mt-2 mb-3 text-sm text-ink-muted">{summary}</p> : null}
    <div className="h-64 w-full min-w-0" aria-hidden="true">
      {children}
    </div>
    {/* In a div: a table grows to fit its rows whatever its height, so `sr-only` on it would still lengthen the page. */}
    <div className="sr-only">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </Card>
);

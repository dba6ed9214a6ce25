import React from "react";
import { Cloud, Glow, Skyline, StreetLamp, Tree, VGrad, type Stage } from "./parts";

/** Rain moves at this many distinct pictures per second: enough to read as rain, few frames to capture. */
export const RAIN_STEPS_PER_SECOND = 6;

const Sky: React.FC<{ s: Stage; colors: string[]; to?: number }> = ({ s, colors, to }) => (
  <>
    <defs>
      <VGrad id={s.id("sky")} colors={colors} />
    </defs>
    <rect x={0} y={0} width={s.w} height={to ?? s.h} fill={`url(#${s.id("sky")})`} />
  </>
);

/** A road with a pavement, its kerb at the stage's horizon. */
const Street: React.FC<{ s: Stage; pavement: string; road: string; marking: string; wet?: boolean }> = ({ s, pavement, road, marking }) => {
  const { w, h, u, horizon } = s;
  const kerb = horizon + 6 * u;
  return (
    <g>
      <rect x={0} y={horizon} width={w} height={6 * u} fill={pavement} />
      <rect x={0} y={kerb} width={w} height={0.8 * u} fill="#9ca3af" opacity={0.6} />
      <rect x={0} y={kerb + 0.8 * u} width={w} height={h - kerb} fill={road} />
      {Array.from({ length: Math.ceil(w / (18 * u)) + 1 }, (_, i) => (
        <rect key={i} x={i * 18 * u - 4 * u} y={kerb + (h - kerb) * 0.42} width={10 * u} height={1.2 * u} fill={marking} opacity={0.7} />
      ))}
    </g>
  );
};

/** Street at night: stars and a moon over lit windows, street lamps pooling light on the pavement. */
export const StreetNight: React.FC<{ s: Stage }> = ({ s }) => {
  const { w, u, horizon } = s;
  const lamps = Math.max(2, Math.round(w / (45 * u)));
  return (
    <g>
      <Sky s={s} colors={["#0b1033", "#2a2170", "#7444b0"]} to={horizon} />
      {Array.from({ length: Math.round((w * horizon) / (120 * u * u)) }, (_, i) => (
        <circle key={i} cx={s.rnd(`st-x${i}`) * w} cy={s.rnd(`st-y${i}`) * horizon * 0.6} r={(0.15 + s.rnd(`st-r${i}`) * 0.25) * u} fill="#fff" opacity={0.5 + 0.5 * s.rnd(`st-o${i}`)} />
      ))}
      <Glow s={s} name="moon" cx={w * 0.78} cy={horizon * 0.18} r={16 * u} color="#fef9c3" opacity={0.35} />
      <circle cx={w * 0.78} cy={horizon * 0.18} r={5 * u} fill="#fef9c3" />
      <circle cx={w * 0.78 + 1.8 * u} cy={horizon * 0.18 - 1 * u} r={4.2 * u} fill="#1e1b4b" opacity={0.25} />
      <Skyline s={s} name="sn-far" x0={-5 * u} x1={w} base={horizon} minH={25 * u} maxH={50 * u} minW={10 * u} maxW={18 * u} colors={["#1e1b4b", "#27215c", "#221c52"]} windowColor="#fde68a" litRatio={0.18} />
      <Skyline s={s} name="sn-near" x0={-8 * u} x1={w} base={horizon} minH={14 * u} maxH={32 * u} minW={14 * u} maxW={24 * u} colors={["#0f0b2e", "#140f3a", "#0c0a24"]} windowColor="#fcd34d" litRatio={0.35} darkWindow="#1e1b4b" />
      <Street s={s} pavement="#3f3f46" road="#1f2937" marking="#facc15" />
      {Array.from({ length: lamps }, (_, i) => (
        <StreetLamp key={i} s={s} name={`snl${i}`} x={((i + 0.5) * w) / lamps - 3 * u} base={horizon + 5 * u} size={44} />
      ))}
    </g>
  );
};

/** City by day: blue sky and clouds, layers of towers, trees along the pavement. */
export const CityDay: React.FC<{ s: Stage }> = ({ s }) => {
  const { w, u, horizon } = s;
  const trees = Math.max(2, Math.round(w / (32 * u)));
  return (
    <g>
      <Sky s={s} colors={["#38bdf8", "#7dd3fc", "#e0f2fe"]} to={horizon} />
      <circle cx={w * 0.18} cy={horizon * 0.2} r={6 * u} fill="#fef08a" />
      <Glow s={s} name="sun" cx={w * 0.18} cy={horizon * 0.2} r={20 * u} color="#fef9c3" opacity={0.6} />
      <Cloud x={w * 0.62} y={horizon * 0.22} size={10 * u} />
      <Cloud x={w * 0.3} y={horizon * 0.4} size={7 * u} opacity={0.8} />
      <Cloud x={w * 0.9} y={horizon * 0.45} size={6 * u} opacity={0.7} />
      <Skyline s={s} name="cd-far" x0={-5 * u} x1={w} base={horizon} minH={26 * u} maxH={55 * u} minW={9 * u} maxW={16 * u} colors={["#93c5fd", "#a5b4fc", "#bfdbfe"]} windowColor="#dbeafe" litRatio={0.6} />
      <Skyline s={s} name="cd-near" x0={-6 * u} x1={w} base={horizon} minH={12 * u} maxH={30 * u} minW={12 * u} maxW={22 * u} colors={["#f59e0b", "#fb7185", "#60a5fa", "#f97316", "#14b8a6"]} windowColor="#f0f9ff" litRatio={0.85} />
      <Street s={s} pavement="#d6d3d1" road="#4b5563" marking="#f9fafb" />
      {Array.from({ length: trees }, (_, i) => (
        <Tree key={i} s={s} name={`cdt${i}`} x={((i + 0.5) * w) / trees} base={horizon + 5 * u} size={30} leaf={["#22c55e", "#16a34a", "#4ade80"]} />
      ))}
    </g>
  );
};

/** Park: rolling hills, round trees, a path, a bench and a lamp post. */
export const Park: React.FC<{ s: Stage }> = ({ s }) => {
  const { w, h, u, horizon } = s;
  const trees = Math.max(3, Math.round(w / (24 * u)));
  return (
    <g>
      <Sky s={s} colors={["#7dd3fc", "#bae6fd", "#fef9c3"]} />
      <Cloud x={w * 0.25} y={horizon * 0.25} size={9 * u} />
      <Cloud x={w * 0.75} y={horizon * 0.15} size={7 * u} opacity={0.85} />
      <path d={`M0,${horizon - 10 * u} Q${w * 0.3},${horizon - 24 * u} ${w * 0.6},${horizon - 10 * u} T${w},${horizon - 14 * u} L${w},${h} L0,${h} Z`} fill="#86efac" />
      <path d={`M0,${horizon - 2 * u} Q${w * 0.45},${horizon - 12 * u} ${w},${horizon - 2 * u} L${w},${h} L0,${h} Z`} fill="#4ade80" />
      {Array.from({ length: trees }, (_, i) => (
        <Tree key={`b${i}`} s={s} name={`pkb${i}`} x={((i + 0.3 + s.rnd(`pkx${i}`) * 0.4) * w) / trees} base={horizon - 6 * u} size={20 + s.rnd(`pks${i}`) * 8} leaf={["#15803d", "#166534", "#22c55e"]} />
      ))}
      <rect x={0} y={horizon} width={w} height={h - horizon} fill="#22c55e" />
      <path d={`M${w * 0.42},${horizon} L${w * 0.58},${horizon} L${w * 0.85},${h} L${w * 0.15},${h} Z`} fill="#d6b98c" />
      {/* flowers */}
      {Array.from({ length: Math.round(w / (4 * u)) }, (_, i) => {
        const x = s.rnd(`fl-x${i}`) * w;
        const y = horizon + 2 * u + s.rnd(`fl-y${i}`) * (h - horizon) * 0.5;
        const onPath = Math.abs(x - w / 2) < w * 0.08 + ((y - horizon) / (h - horizon)) * w * 0.35;
        return onPath ? null : <circle key={i} cx={x} cy={y} r={0.7 * u} fill={["#f472b6", "#fde047", "#ffffff", "#c084fc"][i % 4]} />;
      })}
      {/* bench */}
      <g>
        <rect x={w * 0.12} y={horizon + 2 * u} width={24 * u} height={1.6 * u} rx={0.4 * u} fill="#92400e" />
        <rect x={w * 0.12} y={horizon + 4.5 * u} width={24 * u} height={1.6 * u} rx={0.4 * u} fill="#92400e" />
        <rect x={w * 0.12} y={horizon + 8 * u} width={24 * u} height={1.8 * u} rx={0.4 * u} fill="#b45309" />
        <rect x={w * 0.12 + 2 * u} y={horizon + 9.8 * u} width={1 * u} height={5 * u} fill="#1f2937" />
        <rect x={w * 0.12 + 21 * u} y={horizon + 9.8 * u} width={1 * u} height={5 * u} fill="#1f2937" />
      </g>
      <StreetLamp s={s} name="pk-lamp" x={w * 0.82} base={horizon + 6 * u} size={36} light="#fef3c7" />
    </g>
  );
};

/** Rain: a wet evening street under low clouds; the rain falls at a few pictures per second. */
export const Rain: React.FC<{ s: Stage; fps: number }> = ({ s, fps }) => {
  const { w, h, u, horizon } = s;
  // Whole steps only: frames within one step are identical, so they need not be captured twice.
  const step = Math.floor((s.frame * RAIN_STEPS_PER_SECOND) / fps);
  const drops = Math.round((w * h) / (70 * u * u));
  const fall = 9 * u;
  return (
    <g>
      <Sky s={s} colors={["#1f2937", "#374151", "#4b5563"]} to={horizon} />
      {[0.15, 0.5, 0.85].map((t, i) => (
        <Cloud key={i} x={t * w} y={horizon * (0.08 + 0.06 * i)} size={16 * u} color="#111827" opacity={0.55} />
      ))}
      <Skyline s={s} name="rn-far" x0={-4 * u} x1={w} base={horizon} minH={22 * u} maxH={46 * u} minW={10 * u} maxW={18 * u} colors={["#4b5563", "#525c6b", "#475569"]} windowColor="#fde68a" litRatio={0.2} />
      <Skyline s={s} name="rn-near" x0={-6 * u} x1={w} base={horizon} minH={12 * u} maxH={26 * u} minW={14 * u} maxW={22 * u} colors={["#1f2937", "#27303f", "#1e293b"]} windowColor="#fcd34d" litRatio={0.3} darkWindow="#334155" />
      <rect x={0} y={horizon} width={w} height={h - horizon} fill="#1e293b" />
      {/* reflections in the wet road */}
      {Array.from({ length: Math.round(w / (6 * u)) }, (_, i) => (
        <rect key={i} x={s.rnd(`rf-x${i}`) * w} y={horizon + 2 * u} width={(1 + s.rnd(`rf-w${i}`) * 2) * u} height={(8 + s.rnd(`rf-h${i}`) * 16) * u} fill={s.rnd(`rf-c${i}`) > 0.6 ? "#fcd34d" : "#64748b"} opacity={0.22} />
      ))}
      <StreetLamp s={s} name="rn-lamp" x={w * 0.7} base={horizon + 4 * u} size={44} light="#fde68a" />
      {Array.from({ length: 5 }, (_, i) => (
        <ellipse key={i} cx={s.rnd(`pd-x${i}`) * w} cy={horizon + (8 + s.rnd(`pd-y${i}`) * 24) * u} rx={(6 + s.rnd(`pd-r${i}`) * 6) * u} ry={1.2 * u} fill="#94a3b8" opacity={0.25} />
      ))}
      <g stroke="#cbd5e1" strokeWidth={0.22 * u} strokeLinecap="round" opacity={0.55}>
        {Array.from({ length: drops }, (_, i) => {
          const x = s.rnd(`rd-x${i}`) * (w + 10 * u);
          const y = ((s.rnd(`rd-y${i}`) * h + step * fall * (0.8 + 0.4 * s.rnd(`rd-v${i}`))) % (h + 6 * u)) - 6 * u;
          const len = (3 + s.rnd(`rd-l${i}`) * 3) * u;
          return <line key={i} x1={x} y1={y} x2={x - len * 0.18} y2={y + len} />;
        })}
      </g>
    </g>
  );
};

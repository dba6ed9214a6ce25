import React from "react";
import { random } from "remotion";

/** Where a backdrop is drawn: the frame's size, a unit (1% of its short side), the floor line and the frame. */
export type Stage = {
  w: number;
  h: number;
  /** 1% of the frame's short side: furniture is sized in it, so it keeps its shape in every format. */
  u: number;
  /** Where the wall meets the floor (or the ground meets the sky). */
  horizon: number;
  frame: number;
  /** A document-unique id for a gradient or clip path (two scenes may be on screen in a transition). */
  id: (name: string) => string;
  /** Deterministic 0..1 from a key (Remotion's `random`). */
  rnd: (key: string | number) => number;
};

export const makeStage = (w: number, h: number, frame: number, prefix: string, seed: string, horizonAt = 0.64): Stage => ({
  w,
  h,
  // Taller frames draw a closer view, so a portrait frame is not mostly empty wall.
  u: (Math.min(w, h) / 100) * (h / w > 1.5 ? 1.35 : h / w > 1.1 ? 1.15 : 1),
  horizon: Math.round(h * horizonAt),
  frame,
  id: (name) => `${prefix}-${name}`,
  rnd: (key) => random(`${seed}-${key}`),
});

/** A vertical gradient's definition. */
export const VGrad: React.FC<{ id: string; colors: string[] }> = ({ id, colors }) => (
  <linearGradient id={id} x1="0" y1="0" x2="0" y2="1">
    {colors.map((c, i) => (
      <stop key={i} offset={colors.length === 1 ? 0 : i / (colors.length - 1)} stopColor={c} />
    ))}
  </linearGradient>
);

/** A soft round light (a lamp's halo, a street light's pool). */
export const Glow: React.FC<{ s: Stage; name: string; cx: number; cy: number; r: number; color: string; opacity?: number; ry?: number }> = ({
  s,
  name,
  cx,
  cy,
  r,
  color,
  opacity = 0.6,
  ry,
}) => (
  <>
    <defs>
      <radialGradient id={s.id(name)}>
        <stop offset="0" stopColor={color} stopOpacity={opacity} />
        <stop offset="0.45" stopColor={color} stopOpacity={opacity * 0.35} />
        <stop offset="1" stopColor={color} stopOpacity={0} />
      </radialGradient>
    </defs>
    <ellipse cx={cx} cy={cy} rx={r} ry={ry ?? r} fill={`url(#${s.id(name)})`} />
  </>
);

/** A wall and a floor meeting at the stage's horizon, with a skirting board. */
export const Room: React.FC<{ s: Stage; wall: string[]; floor: string[]; skirting: string; planks?: string; tiles?: [string, string] }> = ({
  s,
  wall,
  floor,
  skirting,
  planks,
  tiles,
}) => {
  const { w, h, u, horizon } = s;
  const floorH = h - horizon;
  const tileRows = tiles ? Math.ceil(floorH / (7 * u)) : 0;
  const tileCols = tiles ? Math.ceil(w / (7 * u)) : 0;
  return (
    <>
      <defs>
        <VGrad id={s.id("wall")} colors={wall} />
        <VGrad id={s.id("floor")} colors={floor} />
      </defs>
      <rect x={0} y={0} width={w} height={horizon} fill={`url(#${s.id("wall")})`} />
      <rect x={0} y={horizon} width={w} height={floorH} fill={`url(#${s.id("floor")})`} />
      {planks
        ? Array.from({ length: Math.ceil(floorH / (3.2 * u)) }, (_, i) => (
            <line key={i} x1={0} x2={w} y1={horizon + (i + 1) * 3.2 * u * (1 + i * 0.18)} y2={horizon + (i + 1) * 3.2 * u * (1 + i * 0.18)} stroke={planks} strokeWidth={0.25 * u} />
          ))
        : null}
      {tiles
        ? Array.from({ length: tileRows * tileCols }, (_, k) => {
            const r = Math.floor(k / tileCols);
            const c = k % tileCols;
            return (r + c) % 2 === 0 ? null : (
              <rect key={k} x={c * 7 * u} y={horizon + r * 7 * u} width={7 * u} height={7 * u} fill={(r + c) % 4 === 1 ? tiles[0] : tiles[1]} />
            );
          })
        : null}
      <rect x={0} y={horizon - 1.6 * u} width={w} height={1.6 * u} fill={skirting} />
    </>
  );
};

/** A window in a wall: frame, glass or view (children, clipped), mullions, sill and optional curtains. */
export const Window: React.FC<{
  s: Stage;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  sky: string[];
  frameColor: string;
  curtains?: string;
  panes?: [number, number];
  children?: React.ReactNode;
}> = ({ s, name, x, y, width, height, sky, frameColor, curtains, panes = [2, 2], children }) => {
  const { u } = s;
  const bar = 1.1 * u;
  return (
    <g>
      <defs>
        <VGrad id={s.id(`${name}-sky`)} colors={sky} />
        <clipPath id={s.id(`${name}-clip`)}>
          <rect x={x} y={y} width={width} height={height} />
        </clipPath>
      </defs>
      <rect x={x - bar} y={y - bar} width={width + 2 * bar} height={height + 2 * bar} fill={frameColor} rx={0.4 * u} />
      <rect x={x} y={y} width={width} height={height} fill={`url(#${s.id(`${name}-sky`)})`} />
      <g clipPath={`url(#${s.id(`${name}-clip`)})`}>
        {children}
        <polygon points={`${x + width * 0.15},${y} ${x + width * 0.35},${y} ${x + width * 0.05},${y + height} ${x - width * 0.15},${y + height}`} fill="#ffffff" opacity={0.1} />
      </g>
      {Array.from({ length: panes[0] - 1 }, (_, i) => (
        <rect key={`c${i}`} x={x + ((i + 1) * width) / panes[0] - bar / 2} y={y} width={bar} height={height} fill={frameColor} />
      ))}
      {Array.from({ length: panes[1] - 1 }, (_, i) => (
        <rect key={`r${i}`} x={x} y={y + ((i + 1) * height) / panes[1] - bar / 2} width={width} height={bar} fill={frameColor} />
      ))}
      <rect x={x - 2.2 * bar} y={y + height + bar * 0.6} width={width + 4.4 * bar} height={1.4 * u} fill={frameColor} rx={0.3 * u} />
      {curtains ? (
        <>
          <path d={`M${x - 4 * u},${y - 3 * u} L${x + width * 0.22},${y - 3 * u} Q${x + width * 0.08},${y + height * 0.55} ${x + width * 0.12},${y + height + 6 * u} L${x - 5 * u},${y + height + 6 * u} Z`} fill={curtains} />
          <path d={`M${x + width + 4 * u},${y - 3 * u} L${x + width * 0.78},${y - 3 * u} Q${x + width * 0.92},${y + height * 0.55} ${x + width * 0.88},${y + height + 6 * u} L${x + width + 5 * u},${y + height + 6 * u} Z`} fill={curtains} />
          <path d={`M${x - 1 * u},${y - 3 * u} Q${x + 1 * u},${y + height * 0.5} ${x},${y + height + 6 * u}`} stroke="#000" strokeOpacity={0.12} strokeWidth={0.6 * u} fill="none" />
          <path d={`M${x + width + 1 * u},${y - 3 * u} Q${x + width - 1 * u},${y + height * 0.5} ${x + width},${y + height + 6 * u}`} stroke="#000" strokeOpacity={0.12} strokeWidth={0.6 * u} fill="none" />
          <rect x={x - 6 * u} y={y - 4 * u} width={width + 12 * u} height={1 * u} rx={0.5 * u} fill="#3f3f46" />
        </>
      ) : null}
    </g>
  );
};

/** A row of buildings between x0 and x1 standing on `base`, with lit windows at night. */
export const Skyline: React.FC<{
  s: Stage;
  name: string;
  x0: number;
  x1: number;
  base: number;
  minH: number;
  maxH: number;
  minW: number;
  maxW: number;
  colors: string[];
  windowColor?: string;
  litRatio?: number;
  darkWindow?: string;
}> = ({ s, name, x0, x1, base, minH, maxH, minW, maxW, colors, windowColor, litRatio = 0.5, darkWindow }) => {
  const { u } = s;
  const buildings: React.ReactNode[] = [];
  let x = x0;
  let i = 0;
  while (x < x1) {
    const bw = minW + s.rnd(`${name}-w${i}`) * (maxW - minW);
    const bh = minH + s.rnd(`${name}-h${i}`) * (maxH - minH);
    const color = colors[Math.floor(s.rnd(`${name}-c${i}`) * colors.length)]!;
    const top = base - bh;
    const cell = 3.2 * u;
    const cols = Math.max(1, Math.floor((bw - 1.5 * u) / cell));
    const rows = Math.max(0, Math.floor((bh - 3 * u) / (cell * 1.3)));
    const padX = (bw - cols * cell) / 2 + 0.6 * u;
    const roof = s.rnd(`${name}-r${i}`);
    buildings.push(
      <g key={i}>
        <rect x={x} y={top} width={bw} height={bh + 1} fill={color} />
        {roof > 0.75 ? <rect x={x + bw * 0.3} y={top - 3 * u} width={bw * 0.4} height={3 * u} fill={color} /> : null}
        {roof > 0.9 ? <rect x={x + bw * 0.48} y={top - 9 * u} width={0.5 * u} height={6 * u} fill={color} /> : null}
        {windowColor
          ? Array.from({ length: cols * rows }, (_, k) => {
              const lit = s.rnd(`${name}-l${i}-${k}`) < litRatio;
              if (!lit && !darkWindow) return null;
              return (
                <rect
                  key={k}
                  x={x + padX + (k % cols) * cell}
                  y={top + 2.4 * u + Math.floor(k / cols) * cell * 1.3}
                  width={cell - 1.2 * u}
                  height={cell * 0.75}
                  fill={lit ? windowColor : darkWindow}
                  opacity={lit ? 0.6 + 0.4 * s.rnd(`${name}-o${i}-${k}`) : 1}
                />
              );
            })
          : null}
      </g>,
    );
    x += bw + s.rnd(`${name}-g${i}`) * 1.5 * u;
    i++;
  }
  return <g>{buildings}</g>;
};

/** A potted plant standing at (x, base), `size` units tall. */
export const Plant: React.FC<{ s: Stage; x: number; base: number; size: number; pot?: string; leaf?: string }> = ({ s, x, base, size, pot = "#c2410c", leaf = "#15803d" }) => {
  const { u } = s;
  const k = (size * u) / 20;
  return (
    <g>
      {[-50, -25, 0, 25, 50].map((a, i) => (
        <ellipse key={i} cx={x + Math.sin((a * Math.PI) / 180) * 6 * k} cy={base - 12 * k - Math.cos((a * Math.PI) / 180) * 6 * k} rx={2.6 * k} ry={7 * k} fill={i % 2 ? leaf : "#16a34a"} transform={`rotate(${a} ${x + Math.sin((a * Math.PI) / 180) * 6 * k} ${base - 12 * k - Math.cos((a * Math.PI) / 180) * 6 * k})`} />
      ))}
      <path d={`M${x - 5 * k},${base - 8 * k} L${x + 5 * k},${base - 8 * k} L${x + 4 * k},${base} L${x - 4 * k},${base} Z`} fill={pot} />
      <rect x={x - 5.5 * k} y={base - 9 * k} width={11 * k} height={1.8 * k} fill={pot} />
    </g>
  );
};

/** A tree: trunk and a cluster of round leaves. */
export const Tree: React.FC<{ s: Stage; name: string; x: number; base: number; size: number; leaf: string[]; trunk?: string }> = ({ s, name, x, base, size, leaf, trunk = "#78350f" }) => {
  const k = (size * s.u) / 30;
  return (
    <g>
      <rect x={x - 1.3 * k} y={base - 16 * k} width={2.6 * k} height={16 * k} fill={trunk} />
      {Array.from({ length: 6 }, (_, i) => {
        const a = (i / 6) * Math.PI * 2 + s.rnd(`${name}-a${i}`);
        return <circle key={i} cx={x + Math.cos(a) * 5 * k} cy={base - 22 * k + Math.sin(a) * 4 * k} r={(5.5 + 2 * s.rnd(`${name}-r${i}`)) * k} fill={leaf[i % leaf.length]} />;
      })}
      <circle cx={x} cy={base - 24 * k} r={6 * k} fill={leaf[0]} />
    </g>
  );
};

/** A pendant lamp hanging from the ceiling at x, its shade at `y`, with a warm halo. */
export const PendantLamp: React.FC<{ s: Stage; name: string; x: number; y: number; size: number; shade: string; light?: string }> = ({ s, name, x, y, size, shade, light = "#fde68a" }) => {
  const k = (size * s.u) / 10;
  return (
    <g>
      <Glow s={s} name={name} cx={x} cy={y + 3 * k} r={22 * k} color={light} opacity={0.45} />
      <line x1={x} y1={0} x2={x} y2={y} stroke="#27272a" strokeWidth={0.3 * s.u} />
      <path d={`M${x - 5 * k},${y + 4 * k} Q${x},${y - 3 * k} ${x + 5 * k},${y + 4 * k} Z`} fill={shade} />
      <ellipse cx={x} cy={y + 4 * k} rx={2 * k} ry={0.9 * k} fill={light} />
    </g>
  );
};

/** A street lamp standing at (x, base) with a pool of light. */
export const StreetLamp: React.FC<{ s: Stage; name: string; x: number; base: number; size: number; light?: string; pole?: string }> = ({ s, name, x, base, size, light = "#fcd34d", pole = "#1f2937" }) => {
  const k = (size * s.u) / 40;
  const top = base - 40 * k;
  return (
    <g>
      <Glow s={s} name={`${name}-pool`} cx={x + 4 * k} cy={base} r={18 * k} ry={4 * k} color={light} opacity={0.5} />
      <Glow s={s} name={`${name}-halo`} cx={x + 5 * k} cy={top + 2 * k} r={12 * k} color={light} opacity={0.7} />
      <rect x={x - 0.7 * k} y={top} width={1.4 * k} height={40 * k} fill={pole} />
      <path d={`M${x},${top + 1 * k} Q${x},${top - 2 * k} ${x + 5 * k},${top}`} stroke={pole} strokeWidth={1.1 * k} fill="none" />
      <path d={`M${x + 3 * k},${top} L${x + 7 * k},${top} L${x + 6 * k},${top + 2 * k} L${x + 4 * k},${top + 2 * k} Z`} fill={pole} />
      <ellipse cx={x + 5 * k} cy={top + 2 * k} rx={1.2 * k} ry={0.5 * k} fill="#fffbeb" />
    </g>
  );
};

/** A flat cloud. */
export const Cloud: React.FC<{ x: number; y: number; size: number; color?: string; opacity?: number }> = ({ x, y, size, color = "#ffffff", opacity = 0.9 }) => (
  <g fill={color} opacity={opacity}>
    <ellipse cx={x} cy={y} rx={size} ry={size * 0.35} />
    <circle cx={x - size * 0.35} cy={y - size * 0.15} r={size * 0.32} />
    <circle cx={x + size * 0.15} cy={y - size * 0.28} r={size * 0.42} />
  </g>
);

/** A framed picture on a wall. */
export const Picture: React.FC<{ s: Stage; x: number; y: number; width: number; height: number; frame: string; art: string[] }> = ({ s, x, y, width, height, frame, art }) => (
  <g>
    <rect x={x} y={y} width={width} height={height} fill={frame} rx={0.3 * s.u} />
    <rect x={x + 0.9 * s.u} y={y + 0.9 * s.u} width={width - 1.8 * s.u} height={height - 1.8 * s.u} fill={art[0]} />
    <circle cx={x + width * 0.65} cy={y + height * 0.38} r={Math.min(width, height) * 0.14} fill={art[1]} />
    <path d={`M${x + 0.9 * s.u},${y + height - 0.9 * s.u} L${x + width * 0.4},${y + height * 0.5} L${x + width * 0.7},${y + height * 0.75} L${x + width - 0.9 * s.u},${y + height * 0.55} L${x + width - 0.9 * s.u},${y + height - 0.9 * s.u} Z`} fill={art[2]} />
  </g>
);

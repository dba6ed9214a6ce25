import React from "react";
import { Glow, Picture, PendantLamp, Plant, Room, Skyline, Window, type Stage } from "./parts";

/** Office: a window onto the city, a desk with a monitor, a chair, a plant. */
export const Office: React.FC<{ s: Stage }> = ({ s }) => {
  const { w, u, horizon } = s;
  const winW = Math.min(w * 0.82, 84 * u);
  const winX = w * 0.5 - winW / 2;
  const winY = horizon - 56 * u;
  const base = horizon + 12 * u;
  const deskX = w * 0.5 + Math.min(w * 0.12, 22 * u);
  return (
    <g>
      <Room s={s} wall={["#eef2f7", "#d6dfea"]} floor={["#64748b", "#334155"]} skirting="#94a3b8" />
      <rect x={w * 0.5 - Math.min(w * 0.2, 20 * u)} y={0} width={Math.min(w * 0.4, 40 * u)} height={1.2 * u} fill="#f8fafc" />
      <Window s={s} name="office-win" x={winX} y={winY} width={winW} height={40 * u} sky={["#7dd3fc", "#e0f2fe"]} frameColor="#f8fafc" panes={[3, 1]}>
        <Skyline s={s} name="office-far" x0={winX - 4 * u} x1={winX + winW} base={winY + 40 * u} minH={10 * u} maxH={26 * u} minW={6 * u} maxW={12 * u} colors={["#bfdbfe", "#cbd5e1", "#a5b4fc"]} />
        <Skyline s={s} name="office-near" x0={winX - 2 * u} x1={winX + winW} base={winY + 40 * u} minH={6 * u} maxH={18 * u} minW={8 * u} maxW={16 * u} colors={["#64748b", "#7c8ea6", "#5b6b85"]} windowColor="#e0f2fe" litRatio={0.5} />
      </Window>
      <Plant s={s} x={winX - 3 * u} base={base - 2 * u} size={26} pot="#e2e8f0" />
      {/* a bookcase where the frame is wide enough */}
      {w - (winX + winW) > 30 * u ? (
        <g>
          <rect x={w - 26 * u} y={base - 50 * u} width={20 * u} height={48 * u} rx={0.6 * u} fill="#92400e" />
          {[0, 1, 2, 3].map((shelf) => (
            <g key={shelf}>
              <rect x={w - 24.8 * u} y={base - (48.5 - shelf * 11.5) * u} width={17.6 * u} height={10 * u} fill="#451a03" />
              {Array.from({ length: 6 }, (_, b) => (
                <rect
                  key={b}
                  x={w - 24.4 * u + b * 2.8 * u}
                  y={base - (48.5 - shelf * 11.5) * u + (1 + s.rnd(`book-h${shelf}-${b}`) * 2.5) * u}
                  width={2.4 * u}
                  height={10 * u - (1 + s.rnd(`book-h${shelf}-${b}`) * 2.5) * u}
                  fill={["#dc2626", "#2563eb", "#f59e0b", "#059669", "#7c3aed", "#e2e8f0"][(shelf * 2 + b) % 6]}
                />
              ))}
            </g>
          ))}
        </g>
      ) : null}
      {/* desk */}
      <rect x={deskX - 26 * u} y={base - 20 * u} width={52 * u} height={2.2 * u} rx={0.6 * u} fill="#b45309" />
      <rect x={deskX - 24 * u} y={base - 18 * u} width={2 * u} height={18 * u} fill="#78350f" />
      <rect x={deskX + 22 * u} y={base - 18 * u} width={2 * u} height={18 * u} fill="#78350f" />
      <rect x={deskX + 8 * u} y={base - 18 * u} width={14 * u} height={12 * u} fill="#92400e" />
      <rect x={deskX + 9.5 * u} y={base - 13 * u} width={11 * u} height={0.5 * u} fill="#78350f" />
      {/* monitor */}
      <rect x={deskX - 13 * u} y={base - 37 * u} width={24 * u} height={15 * u} rx={0.8 * u} fill="#1f2937" />
      <rect x={deskX - 12 * u} y={base - 36 * u} width={22 * u} height={12.6 * u} fill="#38bdf8" />
      <rect x={deskX - 10 * u} y={base - 34 * u} width={10 * u} height={1.2 * u} fill="#e0f2fe" />
      <rect x={deskX - 10 * u} y={base - 31.5 * u} width={16 * u} height={1 * u} fill="#bae6fd" />
      <rect x={deskX - 10 * u} y={base - 29.5 * u} width={13 * u} height={1 * u} fill="#bae6fd" />
      <rect x={deskX - 2.2 * u} y={base - 22 * u} width={2.4 * u} height={2 * u} fill="#374151" />
      <rect x={deskX - 6 * u} y={base - 20.6 * u} width={10 * u} height={0.8 * u} fill="#374151" />
      {/* mug and papers */}
      <rect x={deskX + 15 * u} y={base - 24 * u} width={3.4 * u} height={4 * u} rx={0.5 * u} fill="#ef4444" />
      <rect x={deskX - 24 * u} y={base - 21 * u} width={8 * u} height={1 * u} fill="#f8fafc" />
      {/* chair */}
      <rect x={deskX - 8 * u} y={base - 14 * u} width={14 * u} height={14 * u} rx={3 * u} fill="#111827" />
      <rect x={deskX - 7 * u} y={base - 2 * u} width={12 * u} height={2 * u} rx={1 * u} fill="#1f2937" />
      <rect x={deskX - 1.5 * u} y={base} width={2 * u} height={6 * u} fill="#111827" />
      <rect x={deskX - 7 * u} y={base + 6 * u} width={14 * u} height={1.2 * u} rx={0.6 * u} fill="#111827" />
    </g>
  );
};

/** Kitchen: upper cabinets, a tiled splashback, a counter with a hob and a window, pendant lights. */
export const Kitchen: React.FC<{ s: Stage }> = ({ s }) => {
  const { w, u, horizon } = s;
  const counterTop = horizon - 4 * u;
  const winW = Math.min(w * 0.4, 34 * u);
  const winX = w * 0.5 - winW / 2;
  const cabTop = counterTop - 54 * u;
  const units = Math.ceil(w / (20 * u));
  return (
    <g>
      <Room s={s} wall={["#fef3c7", "#fde68a"]} floor={["#e7e5e4", "#a8a29e"]} skirting="#57534e" tiles={["#d6d3d1", "#78716c"]} />
      {/* splashback tiles */}
      <rect x={0} y={counterTop - 20 * u} width={w} height={20 * u} fill="#ccfbf1" />
      {Array.from({ length: Math.ceil(w / (5 * u)) }, (_, i) => (
        <line key={`tv${i}`} x1={i * 5 * u} x2={i * 5 * u} y1={counterTop - 20 * u} y2={counterTop} stroke="#99f6e4" strokeWidth={0.3 * u} />
      ))}
      {Array.from({ length: 4 }, (_, i) => (
        <line key={`th${i}`} x1={0} x2={w} y1={counterTop - 20 * u + i * 5 * u} y2={counterTop - 20 * u + i * 5 * u} stroke="#99f6e4" strokeWidth={0.3 * u} />
      ))}
      <Window s={s} name="kitchen-win" x={winX} y={counterTop - 40 * u} width={winW} height={32 * u} sky={["#93c5fd", "#dbeafe"]} frameColor="#ffffff" panes={[2, 1]}>
        <circle cx={winX + winW * 0.3} cy={counterTop - 14 * u} r={12 * u} fill="#4ade80" />
        <circle cx={winX + winW * 0.75} cy={counterTop - 10 * u} r={14 * u} fill="#22c55e" />
      </Window>
      {/* upper cabinets, either side of the window */}
      {Array.from({ length: units }, (_, i) => {
        const x = i * 20 * u;
        if (x + 20 * u > winX - 2 * u && x < winX + winW + 2 * u) return null;
        return (
          <g key={`uc${i}`}>
            <rect x={x + 0.5 * u} y={cabTop} width={19 * u} height={22 * u} rx={0.6 * u} fill="#0f766e" />
            <rect x={x + 9 * u} y={cabTop + 17 * u} width={0.8 * u} height={3 * u} fill="#f8fafc" />
          </g>
        );
      })}
      {/* counter and lower cabinets */}
      <rect x={0} y={counterTop} width={w} height={2.4 * u} fill="#f5f5f4" />
      <rect x={0} y={counterTop + 2.4 * u} width={w} height={22 * u} fill="#115e59" />
      {Array.from({ length: units }, (_, i) => (
        <g key={`lc${i}`}>
          <rect x={i * 20 * u + 0.6 * u} y={counterTop + 3.4 * u} width={18.8 * u} height={19 * u} rx={0.6 * u} fill="#0f766e" />
          <rect x={i * 20 * u + 7 * u} y={counterTop + 6 * u} width={6 * u} height={0.8 * u} fill="#f8fafc" />
        </g>
      ))}
      {/* hob, kettle, pots */}
      <rect x={w * 0.22 - 10 * u} y={counterTop - 0.8 * u} width={20 * u} height={0.8 * u} fill="#27272a" />
      <path d={`M${w * 0.22 - 7 * u},${counterTop - 0.8 * u} L${w * 0.22 - 7 * u},${counterTop - 7 * u} L${w * 0.22 + 1 * u},${counterTop - 7 * u} L${w * 0.22 + 1 * u},${counterTop - 0.8 * u} Z`} fill="#dc2626" />
      <rect x={w * 0.22 - 8 * u} y={counterTop - 7.6 * u} width={10 * u} height={1 * u} rx={0.4 * u} fill="#991b1b" />
      <path d={`M${w * 0.78 - 4 * u},${counterTop} L${w * 0.78 - 3 * u},${counterTop - 8 * u} Q${w * 0.78},${counterTop - 10 * u} ${w * 0.78 + 3 * u},${counterTop - 8 * u} L${w * 0.78 + 4 * u},${counterTop} Z`} fill="#f59e0b" />
      <rect x={w * 0.78 + 6 * u} y={counterTop - 6 * u} width={3 * u} height={6 * u} fill="#fafaf9" />
      <Plant s={s} x={winX + winW * 0.85} base={counterTop} size={12} pot="#fb923c" />
      {cabTop > 14 * u ? (
        <>
          <PendantLamp s={s} name="kl1" x={w * 0.3} y={cabTop - 8 * u} size={9} shade="#134e4a" />
          <PendantLamp s={s} name="kl2" x={w * 0.7} y={cabTop - 8 * u} size={9} shade="#134e4a" />
        </>
      ) : null}
    </g>
  );
};

/** Living room: a sofa, a floor lamp, pictures, a window with curtains, a rug. */
export const LivingRoom: React.FC<{ s: Stage }> = ({ s }) => {
  const { w, u, horizon } = s;
  const base = horizon + 10 * u;
  const sofaW = Math.min(w * 0.7, 64 * u);
  const sofaX = w * 0.5 - sofaW / 2;
  return (
    <g>
      <Room s={s} wall={["#fbe4d5", "#f4c7a9"]} floor={["#a16207", "#713f12"]} skirting="#fff7ed" planks="#854d0e" />
      <Window s={s} name="lr-win" x={w - Math.min(w * 0.3, 28 * u) - 6 * u} y={horizon - 52 * u} width={Math.min(w * 0.3, 28 * u)} height={36 * u} sky={["#fdba74", "#fde68a"]} frameColor="#fff7ed" curtains="#0d9488">
        <circle cx={w - 20 * u} cy={horizon - 26 * u} r={5 * u} fill="#fff7ed" />
      </Window>
      <Picture s={s} x={sofaX + sofaW * 0.18} y={horizon - 44 * u} width={15 * u} height={11 * u} frame="#451a03" art={["#fef3c7", "#f97316", "#0f766e"]} />
      <Picture s={s} x={sofaX + sofaW * 0.5} y={horizon - 47 * u} width={11 * u} height={14 * u} frame="#451a03" art={["#e0f2fe", "#facc15", "#2563eb"]} />
      {/* rug */}
      <ellipse cx={w * 0.5} cy={base + 6 * u} rx={Math.min(w * 0.45, 50 * u)} ry={7 * u} fill="#be123c" opacity={0.85} />
      <ellipse cx={w * 0.5} cy={base + 6 * u} rx={Math.min(w * 0.38, 42 * u)} ry={5 * u} fill="none" stroke="#fecdd3" strokeWidth={0.5 * u} opacity={0.6} />
      {/* sofa */}
      <rect x={sofaX} y={base - 22 * u} width={sofaW} height={14 * u} rx={3 * u} fill="#0f766e" />
      <rect x={sofaX - 3 * u} y={base - 14 * u} width={sofaW + 6 * u} height={11 * u} rx={2.5 * u} fill="#115e59" />
      <rect x={sofaX - 4 * u} y={base - 16 * u} width={7 * u} height={13 * u} rx={3 * u} fill="#0f766e" />
      <rect x={sofaX + sofaW - 3 * u} y={base - 16 * u} width={7 * u} height={13 * u} rx={3 * u} fill="#0f766e" />
      <line x1={w * 0.5} x2={w * 0.5} y1={base - 13 * u} y2={base - 5 * u} stroke="#134e4a" strokeWidth={0.4 * u} />
      <rect x={sofaX + 5 * u} y={base - 21 * u} width={9 * u} height={8 * u} rx={2 * u} fill="#fbbf24" transform={`rotate(-8 ${sofaX + 9 * u} ${base - 17 * u})`} />
      <rect x={sofaX + sofaW - 14 * u} y={base - 21 * u} width={9 * u} height={8 * u} rx={2 * u} fill="#fb7185" transform={`rotate(8 ${sofaX + sofaW - 10 * u} ${base - 17 * u})`} />
      <rect x={sofaX} y={base - 3 * u} width={1.2 * u} height={3 * u} fill="#3f2a14" />
      <rect x={sofaX + sofaW - 1.2 * u} y={base - 3 * u} width={1.2 * u} height={3 * u} fill="#3f2a14" />
      {/* floor lamp */}
      <Glow s={s} name="lr-lamp" cx={Math.max(8 * u, sofaX - 6 * u)} cy={base - 44 * u} r={26 * u} color="#fde68a" opacity={0.55} />
      <rect x={Math.max(8 * u, sofaX - 6 * u) - 0.5 * u} y={base - 42 * u} width={1 * u} height={42 * u} fill="#292524" />
      <path d={`M${Math.max(8 * u, sofaX - 6 * u) - 4 * u},${base - 40 * u} L${Math.max(8 * u, sofaX - 6 * u) + 4 * u},${base - 40 * u} L${Math.max(8 * u, sofaX - 6 * u) + 2.5 * u},${base - 48 * u} L${Math.max(8 * u, sofaX - 6 * u) - 2.5 * u},${base - 48 * u} Z`} fill="#fef3c7" />
      <Plant s={s} x={Math.min(w - 8 * u, sofaX + sofaW + 8 * u)} base={base} size={24} pot="#78350f" />
    </g>
  );
};

/** Bedroom: a bed with pillows, a bedside lamp, a night window with the moon, fairy lights. */
export const Bedroom: React.FC<{ s: Stage }> = ({ s }) => {
  const { w, u, horizon } = s;
  const base = horizon + 14 * u;
  const bedW = Math.min(w * 0.7, 60 * u);
  const bedX = w * 0.5 - bedW / 2 + Math.min(w * 0.06, 12 * u);
  const winW = Math.min(w * 0.34, 30 * u);
  const winX = Math.max(4 * u, bedX - winW * 0.6);
  const lights = Math.ceil(w / (6 * u));
  return (
    <g>
      <Room s={s} wall={["#3b4a7a", "#5b6aa0"]} floor={["#7c5a3c", "#4a3424"]} skirting="#c7d2fe" planks="#5c4330" />
      <Window s={s} name="bed-win" x={winX} y={horizon - 54 * u} width={winW} height={32 * u} sky={["#0b1230", "#312e81"]} frameColor="#e0e7ff" curtains="#a5b4fc">
        <circle cx={winX + winW * 0.68} cy={horizon - 44 * u} r={4 * u} fill="#fef9c3" />
        {Array.from({ length: 14 }, (_, i) => (
          <circle key={i} cx={winX + s.rnd(`bs-x${i}`) * winW} cy={horizon - 54 * u + s.rnd(`bs-y${i}`) * 24 * u} r={0.3 * u} fill="#fff" />
        ))}
      </Window>
      {/* fairy lights along the top of the wall */}
      <path d={Array.from({ length: lights + 1 }, (_, i) => `${i === 0 ? "M" : "Q"}${i === 0 ? 0 : (i - 0.5) * 6 * u},${i === 0 ? horizon - 62 * u : horizon - 58 * u} ${i === 0 ? "" : `${i * 6 * u},${horizon - 62 * u}`}`).join(" ")} stroke="#1e1b4b" strokeWidth={0.25 * u} fill="none" />
      {Array.from({ length: lights }, (_, i) => (
        <g key={i}>
          <circle cx={(i + 0.5) * 6 * u} cy={horizon - 59 * u} r={2.2 * u} fill="#fde68a" opacity={0.25} />
          <circle cx={(i + 0.5) * 6 * u} cy={horizon - 59 * u} r={0.8 * u} fill="#fef3c7" />
        </g>
      ))}
      {/* bed */}
      <rect x={bedX} y={base - 34 * u} width={bedW} height={20 * u} rx={2 * u} fill="#c084fc" />
      <rect x={bedX + 1.5 * u} y={base - 32.5 * u} width={bedW - 3 * u} height={17 * u} rx={1.5 * u} fill="#a855f7" />
      <rect x={bedX + 4 * u} y={base - 20 * u} width={bedW * 0.4} height={7 * u} rx={3 * u} fill="#f5f3ff" />
      <rect x={bedX + bedW * 0.55} y={base - 20 * u} width={bedW * 0.4} height={7 * u} rx={3 * u} fill="#f5f3ff" />
      <rect x={bedX - 1 * u} y={base - 15 * u} width={bedW + 2 * u} height={12 * u} rx={2 * u} fill="#ede9fe" />
      <path d={`M${bedX - 1 * u},${base - 11 * u} L${bedX + bedW + 1 * u},${base - 11 * u} L${bedX + bedW + 1 * u},${base - 3 * u} L${bedX - 1 * u},${base - 3 * u} Z`} fill="#8b5cf6" />
      <rect x={bedX} y={base - 3 * u} width={1.5 * u} height={3 * u} fill="#3b0764" />
      <rect x={bedX + bedW - 1.5 * u} y={base - 3 * u} width={1.5 * u} height={3 * u} fill="#3b0764" />
      {/* bedside table and lamp */}
      <Glow s={s} name="bed-lamp" cx={bedX - 9 * u} cy={base - 26 * u} r={20 * u} color="#fde68a" opacity={0.55} />
      <rect x={bedX - 15 * u} y={base - 14 * u} width={12 * u} height={14 * u} rx={0.8 * u} fill="#78350f" />
      <rect x={bedX - 13.5 * u} y={base - 9 * u} width={9 * u} height={0.6 * u} fill="#451a03" />
      <rect x={bedX - 9.6 * u} y={base - 20 * u} width={1.2 * u} height={6 * u} fill="#d6d3d1" />
      <path d={`M${bedX - 13 * u},${base - 20 * u} L${bedX - 5 * u},${base - 20 * u} L${bedX - 6.5 * u},${base - 26 * u} L${bedX - 11.5 * u},${base - 26 * u} Z`} fill="#fef3c7" />
    </g>
  );
};

/** Hospital room: pale teal walls, a bed with rails, a heart monitor, a drip stand, a curtain. */
export const Hospital: React.FC<{ s: Stage }> = ({ s }) => {
  const { w, u, horizon } = s;
  const base = horizon + 12 * u;
  const bedW = Math.min(w * 0.62, 56 * u);
  const bedX = w * 0.5 - bedW / 2 - Math.min(w * 0.04, 8 * u);
  const monX = Math.min(w - 16 * u, bedX + bedW + 4 * u);
  const beat = (x: number, y: number, k: number) =>
    `M${x},${y} l${2 * k},0 l${1 * k},${-3 * k} l${1 * k},${6 * k} l${1 * k},${-5 * k} l${1 * k},${2 * k} l${3 * k},0 l${1 * k},${-3 * k} l${1 * k},${6 * k} l${1 * k},${-5 * k} l${1 * k},${2 * k} l${2 * k},0`;
  return (
    <g>
      <Room s={s} wall={["#e6f4f1", "#c7e6e0"]} floor={["#cbd5e1", "#94a3b8"]} skirting="#0f766e" tiles={["#b6c3d3", "#a3b1c4"]} />
      <rect x={0} y={horizon - 24 * u} width={w} height={2 * u} fill="#5eead4" />
      <rect x={w * 0.5 - Math.min(w * 0.2, 20 * u)} y={0} width={Math.min(w * 0.4, 40 * u)} height={1.5 * u} fill="#f8fafc" />
      <Window s={s} name="hosp-win" x={4 * u} y={horizon - 56 * u} width={Math.min(w * 0.28, 26 * u)} height={28 * u} sky={["#bae6fd", "#f0f9ff"]} frameColor="#f8fafc" panes={[2, 3]}>
        <circle cx={14 * u} cy={horizon - 34 * u} r={8 * u} fill="#86efac" />
      </Window>
      {/* privacy curtain */}
      <rect x={w - Math.min(w * 0.16, 18 * u)} y={0} width={Math.min(w * 0.16, 18 * u)} height={base} fill="#7dd3fc" />
      {Array.from({ length: 4 }, (_, i) => (
        <line key={i} x1={w - Math.min(w * 0.16, 18 * u) + (i + 1) * 3.5 * u} x2={w - Math.min(w * 0.16, 18 * u) + (i + 1) * 3.5 * u} y1={0} y2={base} stroke="#0ea5e9" strokeOpacity={0.35} strokeWidth={0.5 * u} />
      ))}
      {/* monitor on an arm */}
      <rect x={monX - 0.5 * u} y={horizon - 40 * u} width={1 * u} height={12 * u} fill="#64748b" />
      <rect x={monX - 8 * u} y={horizon - 52 * u} width={16 * u} height={12 * u} rx={1 * u} fill="#1e293b" />
      <rect x={monX - 7 * u} y={horizon - 51 * u} width={14 * u} height={10 * u} fill="#022c22" />
      <path d={beat(monX - 7 * u, horizon - 46 * u, 0.7 * u)} stroke="#4ade80" strokeWidth={0.35 * u} fill="none" />
      {/* drip stand */}
      <rect x={bedX - 8 * u} y={base - 48 * u} width={0.7 * u} height={48 * u} fill="#94a3b8" />
      <rect x={bedX - 11 * u} y={base - 48 * u} width={7 * u} height={0.6 * u} fill="#94a3b8" />
      <rect x={bedX - 10.5 * u} y={base - 47 * u} width={3 * u} height={6 * u} rx={1 * u} fill="#e0f2fe" stroke="#7dd3fc" strokeWidth={0.3 * u} />
      <path d={`M${bedX - 9 * u},${base - 41 * u} Q${bedX - 6 * u},${base - 30 * u} ${bedX + 4 * u},${base - 20 * u}`} stroke="#bae6fd" strokeWidth={0.3 * u} fill="none" />
      {/* bed */}
      <rect x={bedX} y={base - 30 * u} width={2 * u} height={30 * u} fill="#cbd5e1" />
      <rect x={bedX + bedW - 2 * u} y={base - 22 * u} width={2 * u} height={22 * u} fill="#cbd5e1" />
      <rect x={bedX + 2 * u} y={base - 18 * u} width={bedW - 4 * u} height={6 * u} fill="#f8fafc" />
      <rect x={bedX + 3 * u} y={base - 23 * u} width={12 * u} height={5 * u} rx={2 * u} fill="#ffffff" />
      <rect x={bedX + 14 * u} y={base - 20 * u} width={bedW - 16 * u} height={4 * u} rx={1.5 * u} fill="#93c5fd" />
      <rect x={bedX + 2 * u} y={base - 12 * u} width={bedW - 4 * u} height={2 * u} fill="#64748b" />
      <rect x={bedX + bedW * 0.3} y={base - 24 * u} width={bedW * 0.5} height={0.8 * u} fill="#94a3b8" />
      <circle cx={bedX + 5 * u} cy={base - 1 * u} r={1 * u} fill="#334155" />
      <circle cx={bedX + bedW - 5 * u} cy={base - 1 * u} r={1 * u} fill="#334155" />
    </g>
  );
};

/** Classroom: a green chalkboard with writing, a wall clock, desks in rows, windows. */
export const Classroom: React.FC<{ s: Stage }> = ({ s }) => {
  const { w, u, horizon } = s;
  const boardW = Math.min(w * 0.8, 90 * u);
  const boardX = w * 0.5 - boardW / 2;
  const boardY = horizon - 42 * u;
  const desks = Math.max(2, Math.floor(w / (30 * u)));
  return (
    <g>
      <Room s={s} wall={["#fef9c3", "#fde68a"]} floor={["#b45309", "#78350f"]} skirting="#7c2d12" planks="#92400e" />
      <rect x={0} y={horizon - 18 * u} width={w} height={18 * u} fill="#fcd34d" opacity={0.5} />
      <rect x={boardX - 1.5 * u} y={boardY - 1.5 * u} width={boardW + 3 * u} height={27 * u} rx={0.6 * u} fill="#92400e" />
      <rect x={boardX} y={boardY} width={boardW} height={24 * u} fill="#166534" />
      <text x={boardX + 5 * u} y={boardY + 8 * u} fontFamily="Comic Sans MS, cursive, sans-serif" fontSize={5 * u} fill="#f0fdf4" opacity={0.85}>
        a² + b² = c²
      </text>
      <path d={`M${boardX + 5 * u},${boardY + 14 * u} q${4 * u},${-3 * u} ${8 * u},0 t${8 * u},0 t${8 * u},0`} stroke="#fef08a" strokeWidth={0.4 * u} fill="none" opacity={0.85} />
      <circle cx={boardX + boardW - 14 * u} cy={boardY + 12 * u} r={6 * u} fill="none" stroke="#f0fdf4" strokeWidth={0.4 * u} opacity={0.8} />
      <line x1={boardX + boardW - 20 * u} y1={boardY + 12 * u} x2={boardX + boardW - 8 * u} y2={boardY + 12 * u} stroke="#f0fdf4" strokeWidth={0.3 * u} opacity={0.8} />
      <rect x={boardX + 3 * u} y={boardY + 24 * u} width={boardW - 6 * u} height={1.2 * u} fill="#78350f" />
      <rect x={boardX + 10 * u} y={boardY + 23.2 * u} width={3 * u} height={0.8 * u} fill="#fafafa" />
      {/* clock */}
      {horizon > 62 * u ? (
        <g>
          <circle cx={w * 0.5} cy={boardY - 10 * u} r={5 * u} fill="#fafafa" stroke="#1f2937" strokeWidth={0.8 * u} />
          <line x1={w * 0.5} y1={boardY - 10 * u} x2={w * 0.5} y2={boardY - 13.5 * u} stroke="#1f2937" strokeWidth={0.5 * u} />
          <line x1={w * 0.5} y1={boardY - 10 * u} x2={w * 0.5 + 2.5 * u} y2={boardY - 10 * u} stroke="#1f2937" strokeWidth={0.5 * u} />
        </g>
      ) : null}
      {/* desks, two rows */}
      {[0, 1].map((row) =>
        Array.from({ length: desks + row }, (_, i) => {
          const k = row === 0 ? 1 : 1.35;
          const x = ((i + (row === 0 ? 0.5 : 0)) * w) / (desks + row - (row === 0 ? 0 : 1)) ;
          const y = horizon + (row === 0 ? 8 : 22) * u;
          return (
            <g key={`${row}-${i}`}>
              <rect x={x - 10 * k * u} y={y - 10 * k * u} width={20 * k * u} height={1.6 * k * u} fill="#d97706" />
              <rect x={x - 9 * k * u} y={y - 8.4 * k * u} width={1 * k * u} height={8.4 * k * u} fill="#374151" />
              <rect x={x + 8 * k * u} y={y - 8.4 * k * u} width={1 * k * u} height={8.4 * k * u} fill="#374151" />
              <rect x={x - 4 * k * u} y={y - 16 * k * u} width={8 * k * u} height={7 * k * u} rx={1 * k * u} fill="#1d4ed8" />
            </g>
          );
        }),
      )}
    </g>
  );
};

/** Café: a brick wall, a menu board, shelves of cups, a counter with an espresso machine, pendant lights. */
export const Cafe: React.FC<{ s: Stage }> = ({ s }) => {
  const { w, u, horizon } = s;
  const counterTop = horizon + 2 * u;
  const rows = Math.ceil(horizon / (3 * u));
  const boardW = Math.min(w * 0.4, 34 * u);
  const boardX = w * 0.5 - boardW - 3 * u;
  return (
    <g>
      <Room s={s} wall={["#9a3412", "#7c2d12"]} floor={["#44403c", "#1c1917"]} skirting="#292524" />
      {Array.from({ length: rows }, (_, r) =>
        Array.from({ length: Math.ceil(w / (8 * u)) + 1 }, (_, c) => (
          <rect key={`${r}-${c}`} x={c * 8 * u - (r % 2) * 4 * u + 0.3 * u} y={r * 3 * u + 0.3 * u} width={7.4 * u} height={2.4 * u} fill={s.rnd(`brick${r}-${c}`) > 0.5 ? "#b45309" : "#a23b12"} opacity={0.55} />
        )),
      )}
      {/* menu board */}
      <rect x={boardX} y={horizon - 48 * u} width={boardW} height={26 * u} rx={0.8 * u} fill="#1c1917" stroke="#a16207" strokeWidth={0.8 * u} />
      <text x={boardX + boardW / 2} y={horizon - 42 * u} textAnchor="middle" fontFamily="Georgia, serif" fontSize={3.6 * u} fill="#fef3c7">
        MENU
      </text>
      {[0, 1, 2, 3].map((i) => (
        <g key={i}>
          <rect x={boardX + 3 * u} y={horizon - (38 - i * 4) * u} width={boardW * (0.45 + 0.1 * (i % 2))} height={0.8 * u} fill="#e7e5e4" opacity={0.7} />
          <rect x={boardX + boardW - 8 * u} y={horizon - (38 - i * 4) * u} width={5 * u} height={0.8 * u} fill="#fde68a" opacity={0.8} />
        </g>
      ))}
      {/* shelf with cups */}
      <rect x={w * 0.5 + 3 * u} y={horizon - 36 * u} width={Math.min(w * 0.42, 36 * u)} height={1.2 * u} fill="#451a03" />
      {Array.from({ length: Math.floor(Math.min(w * 0.42, 36 * u) / (6 * u)) }, (_, i) => (
        <g key={i}>
          <rect x={w * 0.5 + 4 * u + i * 6 * u} y={horizon - 40.5 * u} width={4 * u} height={4.5 * u} rx={0.6 * u} fill={["#fafaf9", "#fca5a5", "#fde68a", "#a7f3d0"][i % 4]} />
          <path d={`M${w * 0.5 + 8 * u + i * 6 * u},${horizon - 39.5 * u} q${1.4 * u},${1 * u} 0,${2.4 * u}`} stroke={["#fafaf9", "#fca5a5", "#fde68a", "#a7f3d0"][i % 4]} strokeWidth={0.5 * u} fill="none" />
        </g>
      ))}
      <Plant s={s} x={w * 0.5 + 8 * u} base={horizon - 48 * u} size={10} pot="#fafaf9" />
      {/* counter */}
      <rect x={0} y={counterTop - 1.6 * u} width={w} height={1.8 * u} fill="#d6d3d1" />
      <rect x={0} y={counterTop} width={w} height={20 * u} fill="#78350f" />
      {Array.from({ length: Math.ceil(w / (4 * u)) }, (_, i) => (
        <rect key={i} x={i * 4 * u} y={counterTop} width={0.35 * u} height={20 * u} fill="#451a03" opacity={0.6} />
      ))}
      {/* espresso machine */}
      <rect x={w * 0.5 + 6 * u} y={counterTop - 17 * u} width={18 * u} height={15.5 * u} rx={1.2 * u} fill="#a1a1aa" />
      <rect x={w * 0.5 + 7 * u} y={counterTop - 16 * u} width={16 * u} height={5 * u} rx={0.6 * u} fill="#d4d4d8" />
      <rect x={w * 0.5 + 11 * u} y={counterTop - 10 * u} width={2 * u} height={3 * u} fill="#27272a" />
      <rect x={w * 0.5 + 17 * u} y={counterTop - 10 * u} width={2 * u} height={3 * u} fill="#27272a" />
      <rect x={w * 0.5 + 10.6 * u} y={counterTop - 5 * u} width={2.8 * u} height={3.4 * u} rx={0.4 * u} fill="#fafaf9" />
      {/* pastries under a glass dome */}
      <rect x={w * 0.5 - 20 * u} y={counterTop - 2.8 * u} width={16 * u} height={1.2 * u} rx={0.6 * u} fill="#e7e5e4" />
      <ellipse cx={w * 0.5 - 15.5 * u} cy={counterTop - 4.2 * u} rx={3 * u} ry={1.6 * u} fill="#d97706" />
      <ellipse cx={w * 0.5 - 9 * u} cy={counterTop - 4.4 * u} rx={2.6 * u} ry={1.8 * u} fill="#f472b6" />
      <circle cx={w * 0.5 - 9 * u} cy={counterTop - 6 * u} r={0.6 * u} fill="#dc2626" />
      <path d={`M${w * 0.5 - 19.5 * u},${counterTop - 2.8 * u} A${7.5 * u},${7.5 * u} 0 0 1 ${w * 0.5 - 4.5 * u},${counterTop - 2.8 * u} Z`} fill="#e0f2fe" opacity={0.25} stroke="#f8fafc" strokeOpacity={0.7} strokeWidth={0.3 * u} />
      <circle cx={w * 0.5 - 12 * u} cy={counterTop - 10.6 * u} r={0.8 * u} fill="#e7e5e4" />
      <PendantLamp s={s} name="cl1" x={w * 0.25} y={horizon - 58 * u} size={10} shade="#1c1917" />
      <PendantLamp s={s} name="cl2" x={w * 0.5} y={horizon - 56 * u} size={10} shade="#1c1917" />
      <PendantLamp s={s} name="cl3" x={w * 0.75} y={horizon - 58 * u} size={10} shade="#1c1917" />
    </g>
  );
};

/** Party: a dark room with bunting, balloons, a disco ball with beams, confetti. */
export const Party: React.FC<{ s: Stage }> = ({ s }) => {
  const { w, h, u, horizon } = s;
  const ballX = w * 0.5;
  const ballY = Math.max(10 * u, horizon - 60 * u);
  const flags = Math.ceil(w / (6 * u));
  const colors = ["#f43f5e", "#facc15", "#22d3ee", "#a78bfa", "#34d399", "#fb923c"];
  return (
    <g>
      <Room s={s} wall={["#2e1065", "#4c1d95"]} floor={["#1e1b4b", "#0f0a2e"]} skirting="#1e1b4b" />
      {/* beams */}
      {[-35, -12, 14, 38].map((a, i) => (
        <polygon
          key={i}
          points={`${ballX},${ballY} ${ballX + Math.tan(((a - 6) * Math.PI) / 180) * h},${h} ${ballX + Math.tan(((a + 6) * Math.PI) / 180) * h},${h}`}
          fill={colors[i]}
          opacity={0.16}
        />
      ))}
      <Glow s={s} name="party-floor" cx={w * 0.5} cy={horizon + 4 * u} r={Math.max(w, 60 * u) * 0.5} ry={8 * u} color="#f0abfc" opacity={0.35} />
      {/* bunting */}
      {[0, 1].map((row) => (
        <g key={row}>
          <path d={`M0,${ballY - 4 * u + row * 8 * u} Q${w / 2},${ballY + 6 * u + row * 8 * u} ${w},${ballY - 4 * u + row * 8 * u}`} stroke="#e9d5ff" strokeWidth={0.3 * u} fill="none" />
          {Array.from({ length: flags }, (_, i) => {
            const t = (i + 0.5) / flags;
            const x = t * w;
            const y = (1 - t) * (1 - t) * (ballY - 4 * u + row * 8 * u) + 2 * (1 - t) * t * (ballY + 6 * u + row * 8 * u) + t * t * (ballY - 4 * u + row * 8 * u);
            return <polygon key={i} points={`${x - 2 * u},${y} ${x + 2 * u},${y} ${x},${y + 4 * u}`} fill={colors[(i + row * 3) % colors.length]} />;
          })}
        </g>
      ))}
      {/* disco ball */}
      <line x1={ballX} y1={0} x2={ballX} y2={ballY - 5 * u} stroke="#a1a1aa" strokeWidth={0.3 * u} />
      <Glow s={s} name="ball" cx={ballX} cy={ballY} r={14 * u} color="#ffffff" opacity={0.5} />
      <circle cx={ballX} cy={ballY} r={5 * u} fill="#d4d4d8" />
      {Array.from({ length: 16 }, (_, i) => (
        <rect key={i} x={ballX - 4 * u + (i % 4) * 2 * u} y={ballY - 4 * u + Math.floor(i / 4) * 2 * u} width={1.6 * u} height={1.6 * u} fill={(i * 7) % 3 === 0 ? "#ffffff" : "#a1a1aa"} opacity={0.8} />
      ))}
      {/* balloons */}
      {[0.1, 0.2, 0.82, 0.92].map((t, i) => {
        const x = t * w;
        const y = horizon - (30 + (i % 2) * 8) * u;
        return (
          <g key={i}>
            <path d={`M${x},${y + 6 * u} q${2 * u},${10 * u} ${-1 * u},${24 * u}`} stroke="#e9d5ff" strokeWidth={0.25 * u} fill="none" />
            <ellipse cx={x} cy={y} rx={4.5 * u} ry={5.8 * u} fill={colors[(i * 2) % colors.length]} />
            <ellipse cx={x - 1.5 * u} cy={y - 2 * u} rx={1 * u} ry={1.6 * u} fill="#ffffff" opacity={0.45} />
          </g>
        );
      })}
      {/* confetti */}
      {Array.from({ length: Math.round((w * horizon) / (60 * u * u)) }, (_, i) => (
        <rect
          key={i}
          x={s.rnd(`cf-x${i}`) * w}
          y={s.rnd(`cf-y${i}`) * horizon}
          width={1.2 * u}
          height={0.6 * u}
          fill={colors[i % colors.length]}
          transform={`rotate(${s.rnd(`cf-r${i}`) * 180} ${s.rnd(`cf-x${i}`) * w} ${s.rnd(`cf-y${i}`) * horizon})`}
          opacity={0.85}
        />
      ))}
      {/* a table with a cake */}
      <rect x={w * 0.5 - 18 * u} y={horizon + 4 * u} width={36 * u} height={2 * u} fill="#f472b6" />
      <rect x={w * 0.5 - 17 * u} y={horizon + 6 * u} width={34 * u} height={10 * u} fill="#be185d" />
      <rect x={w * 0.5 - 7 * u} y={horizon - 3 * u} width={14 * u} height={7 * u} rx={1 * u} fill="#fdf2f8" />
      <rect x={w * 0.5 - 7 * u} y={horizon - 3 * u} width={14 * u} height={2 * u} rx={1 * u} fill="#f9a8d4" />
      {[-4, 0, 4].map((dx) => (
        <g key={dx}>
          <rect x={w * 0.5 + dx * u - 0.3 * u} y={horizon - 6.5 * u} width={0.6 * u} height={3.5 * u} fill="#fde047" />
          <ellipse cx={w * 0.5 + dx * u} cy={horizon - 7.3 * u} rx={0.5 * u} ry={0.9 * u} fill="#fb923c" />
        </g>
      ))}
    </g>
  );
};

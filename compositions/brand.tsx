import { loadFont } from "@remotion/fonts";
import React, { useEffect, useState } from "react";
import { AbsoluteFill, cancelRender, continueRender, delayRender, Img } from "remotion";
import type { Brand } from "../script";
import { FONT_STACK } from "./font-stack";
import type { Layout } from "./layout";

/** The logo watermark, in a corner inside the platform's safe zone. */
export const Watermark: React.FC<{ brand: Brand | undefined; layout: Layout }> = ({ brand, layout }) => {
  const logo = brand?.logo;
  if (!logo) return null;
  const width = Math.min(layout.width, layout.height) * logo.size;
  const [vertical, horizontal] = logo.position.split("-") as ["top" | "bottom", "left" | "right"];
  return (
    <AbsoluteFill style={{ pointerEvents: "none" }}>
      <Img
        src={logo.src}
        style={{
          position: "absolute",
          width,
          height: "auto",
          opacity: logo.opacity,
          [vertical]: vertical === "top" ? layout.safe.top * 0.5 : layout.safe.bottom * 0.5,
          [horizontal]: horizontal === "left" ? layout.safe.left : layout.safe.right,
        }}
      />
    </AbsoluteFill>
  );
};

/**
 * The font stack with the brand's font first. A brand font file is loaded before any frame is
 * captured (delayRender), so no frame shows the fallback.
 */
export const useBrandFontStack = (brand: Brand | undefined): string => {
  const font = brand?.font;
  const [handle] = useState(() => (font?.src ? delayRender(`Loading brand font ${font.family}`) : null));
  useEffect(() => {
    if (!font?.src || handle === null) return;
    loadFont({ family: font.family, url: font.src }).then(() => continueRender(handle), (err: unknown) => cancelRender(err));
  }, [font?.family, font?.src, handle]);
  return font ? `"${font.family}", ${FONT_STACK}` : FONT_STACK;
};

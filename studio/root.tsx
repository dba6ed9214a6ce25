import React from "react";
import { cancelRender, Composition, continueRender, delayRender, getRemotionEnvironment } from "remotion";
import { loadBundledFonts } from "../compositions/fonts";
import { templatePacks, type TemplatePack } from "../templates/registry";

/**
 * Remotion merges input props over default props, key by key. In Studio the defaults show off the
 * pack; when rendering, only the keys every validated script carries stay, so an optional field a
 * script leaves out (music, brand, look, a pack's extras) never leaks in from the showcase.
 */
const defaultPropsFor = (pack: TemplatePack) => {
  if (!getRemotionEnvironment().isRendering) return pack.defaultProps;
  const { title, format, language, characters, scenes } = pack.defaultProps as Record<string, unknown>;
  return { title, format, language, characters, scenes } as TemplatePack["defaultProps"];
};

// Every frame waits for the bundled fonts so no frame renders with a fallback face.
const fontsHandle = delayRender("Loading bundled fonts");
loadBundledFonts().then(() => continueRender(fontsHandle), (err: unknown) => cancelRender(err));

/** Registers every template pack from the registry, each with its schema-driven props editor. */
export const ReelgenRoot: React.FC = () => (
  <>
    {templatePacks.map((pack) => (
      <Composition
        key={pack.id}
        id={pack.id}
        component={pack.component}
        schema={pack.schema}
        defaultProps={defaultPropsFor(pack)}
        calculateMetadata={pack.calculateMetadata}
        fps={pack.fps}
        width={1080}
        height={1920}
        durationInFrames={1}
      />
    ))}
  </>
);

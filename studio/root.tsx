import React from "react";
import { Composition, delayRender, continueRender, cancelRender } from "remotion";
import { loadBundledFonts } from "../compositions/fonts";
import { templatePacks } from "../templates/registry";

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
        defaultProps={pack.defaultProps}
        calculateMetadata={pack.calculateMetadata}
        fps={pack.fps}
        width={1080}
        height={1920}
        durationInFrames={1}
      />
    ))}
  </>
);

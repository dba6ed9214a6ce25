import { useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { playerStyleSheet } from "./player-styles";

/**
 * The player's box on the page: a host element with a shadow root that holds the player and its
 * stylesheet, so no CSS crosses between the player and the page around it (the ES module build
 * runs inside other people's React apps). The host's size comes from `style`/`className`.
 */
export const PlayerFrame = ({ children, className, style }: { children: ReactNode; className?: string; style?: CSSProperties }) => {
  const host = useRef<HTMLDivElement>(null);
  const [root, setRoot] = useState<ShadowRoot | null>(null);
  useLayoutEffect(() => {
    const element = host.current!;
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: "open" });
    shadow.adoptedStyleSheets = [playerStyleSheet()];
    setRoot(shadow);
  }, []);
  return (
    <div ref={host} className={className} style={style} data-reelgen-player="">
      {root ? createPortal(children, root) : null}
    </div>
  );
};

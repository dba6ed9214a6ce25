import { registerRoot } from "remotion";
import { ReelgenRoot } from "./root";

registerRoot(ReelgenRoot);

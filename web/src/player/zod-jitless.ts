import { config } from "zod";

// No code generation: zod's JIT, and even its probe for it (run when the first object schema is
// built), makes a function from a string, which the app's and the embed's Content-Security-Policy
// (no 'unsafe-eval') refuse and report. Import this module first in every browser entry, before
// anything that builds a schema (`script/`, `templates/`).
config({ jitless: true });

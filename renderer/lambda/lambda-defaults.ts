/** What `reelgen lambda deploy` uses unless told otherwise (a module of its own: loading Remotion Lambda takes over a second). */
export const LAMBDA_DEFAULTS = { region: "us-east-1", memoryMb: 2048, diskMb: 2048, timeoutSeconds: 120, siteName: "reelgen" } as const;

export * from "./backdrop";
export * from "./mood-grade";

export * from "./render-on-lambda";
export * from "./lambda-site";
export * from "./verify-lambda-webhook";
export { lambdaError } from "./lambda-error";
export { requireAwsCredentials } from "./require-aws-credentials";
export * from "./render-plan-on-lambda";

export {
  applyPlan,
  type ApplyOptions,
  type ApplyReport,
  type StepResult,
  type StepStatus,
} from "./apply.js";
export { describePlannedStep, describeStep } from "./describe.js";
export { findStaleness } from "./stale.js";
export { verifyStoredSettings } from "./verify.js";

export {
  applyPlan,
  describePlannedStep,
  describeStep,
  type ApplyHooks,
  type ApplyReport,
  type StepResult,
  type StepStatus,
} from "./apply.js";
export { findStaleness } from "./stale.js";

import type { Colors } from "./output.js";

type Rule = [RegExp, (colors: Colors, line: string) => string];

/** Colors of plan lines, by their start: the action symbols of Terraform. */
const PLAN_RULES: Rule[] = [
  [/^ {2}\+ /, (c, line) => c.green(line)],
  [/^ {2}~ /, (c, line) => c.yellow(line)],
  [/^ {2}- /, (c, line) => c.red(line)],
  [/^ {2}↻ /, (c, line) => c.cyan(line)],
  [/^ {6}\+/, (c, line) => c.green(line)],
  [/^ {6}-/, (c, line) => c.red(line)],
  [/^ {4}! /, (c, line) => c.red(line)],
  [/^(Account |Security impact:|Plan:)/, (c, line) => c.bold(line)],
  [/^No changes/, (c, line) => c.green(line)],
  [/^Warning:/, (c, line) => c.yellow(line)],
];

const DRIFT_RULES: Rule[] = [
  [/^ {2}configuration /, (c, line) => c.bold(line)],
  [/^Account /, (c, line) => c.bold(line)],
  [/^Drift found/, (c, line) => c.red(c.bold(line))],
  [/^No drift/, (c, line) => c.green(line)],
];

function colorize(rules: Rule[]) {
  return (text: string, colors: Colors): string =>
    text
      .split("\n")
      .map((line) => {
        const rule = rules.find(([pattern]) => pattern.test(line));
        return rule ? rule[1](colors, line) : line;
      })
      .join("\n");
}

/** Colors a text plan: creates green, updates yellow, deletes red. */
export const colorizePlan = colorize(PLAN_RULES);

/** Colors a text drift report: drifted configurations stand out. */
export const colorizeDrift = colorize(DRIFT_RULES);

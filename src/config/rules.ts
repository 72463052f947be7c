import type { Diagnostic, SourceLocation } from "./diagnostics.js";
import { bracketProblem, compileGlob } from "../util/glob.js";
import { configurationKey } from "../util/names.js";
import { closestMatches, didYouMean } from "../util/suggest.js";
import type { DesiredAccount, DesiredState, Located } from "./desired.js";

/** The platform runs at most this many custom code policies per repository. */
export const MAX_ENABLED_CODE_POLICIES = 7;

/** A semantic check of the desired state that needs no API call. */
export type OfflineRule = (account: DesiredAccount) => Diagnostic[];

/** Every offline rule, run in this order by `validate` and `plan`. */
export const OFFLINE_RULES: readonly OfflineRule[] = [
  duplicateConfigurationNames,
  previousNameCollisions,
  surroundingWhitespace,
  tooManyEnabledCodePolicies,
  duplicateCodePolicies,
  invalidPatterns,
  undeclaredDefaultConfiguration,
];

export function runOfflineRules(state: DesiredState): Diagnostic[] {
  return state.accounts.flatMap((account) =>
    OFFLINE_RULES.flatMap((rule) => rule(account)),
  );
}

function at(location: SourceLocation): string {
  return `${location.file}:${location.line}`;
}

function duplicateConfigurationNames(account: DesiredAccount): Diagnostic[] {
  const seen = new Map<string, Located<string>>();
  const diagnostics: Diagnostic[] = [];
  for (const { name } of account.configurations) {
    const first = seen.get(configurationKey(name.value));
    if (first === undefined) {
      seen.set(configurationKey(name.value), name);
      continue;
    }
    diagnostics.push({
      severity: "error",
      rule: "duplicate-configuration-name",
      message: `configuration "${name.value}" is declared twice in account "${account.account.value}", first at ${at(first.location)}`,
      location: name.location,
      hint: "rename one of them, or merge the two declarations",
    });
  }
  return diagnostics;
}

function previousNameCollisions(account: DesiredAccount): Diagnostic[] {
  const owners = new Map<string, Located<string>>();
  for (const { name } of account.configurations) {
    owners.set(configurationKey(name.value), name);
  }
  const diagnostics: Diagnostic[] = [];
  for (const configuration of account.configurations) {
    for (const previous of configuration.previousNames) {
      const owner = owners.get(configurationKey(previous.value));
      const claimant = owner ?? previous;
      if (owner === undefined)
        owners.set(configurationKey(previous.value), previous);
      if (claimant === previous) continue;
      diagnostics.push({
        severity: "error",
        rule: "previous-name-collision",
        message: `previous name "${previous.value}" of configuration "${configuration.name.value}" is also used at ${at(claimant.location)}`,
        location: previous.location,
        hint: "a name can identify one configuration only; remove one of them",
      });
    }
  }
  return diagnostics;
}

function surroundingWhitespace(account: DesiredAccount): Diagnostic[] {
  const values: { kind: string; entry: Located<string> }[] = [];
  for (const configuration of account.configurations) {
    values.push({ kind: "configuration name", entry: configuration.name });
    for (const previous of configuration.previousNames) {
      values.push({ kind: "previous name", entry: previous });
    }
    for (const policy of configuration.settings.code_policies ?? []) {
      const entry = { value: policy.policy, location: policy.location };
      values.push({ kind: "code policy", entry });
    }
    const claims = configuration.repositories;
    for (const entry of [
      ...(claims?.names ?? []),
      ...(claims?.include ?? []),
    ]) {
      values.push({ kind: "repository name", entry });
    }
  }
  return values
    .filter(({ entry }) => entry.value.trim() !== entry.value)
    .map(({ kind, entry }) => ({
      severity: "error",
      rule: "surrounding-whitespace",
      message: `${kind} ${JSON.stringify(entry.value)} starts or ends with whitespace`,
      location: entry.location,
      hint: "remove the spaces; names never start or end with them",
    }));
}

function tooManyEnabledCodePolicies(account: DesiredAccount): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const configuration of account.configurations) {
    const enabled = (configuration.settings.code_policies ?? []).filter(
      (policy) => policy.enabled,
    );
    const extra = enabled[MAX_ENABLED_CODE_POLICIES];
    if (extra === undefined) continue;
    diagnostics.push({
      severity: "error",
      rule: "too-many-code-policies",
      message: `configuration "${configuration.name.value}" enables ${enabled.length} code policies, over the limit of ${MAX_ENABLED_CODE_POLICIES}`,
      location: extra.location,
      hint: "DryRun runs at most 7 code policies per repository; disable or remove some",
    });
  }
  return diagnostics;
}

function duplicateCodePolicies(account: DesiredAccount): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const configuration of account.configurations) {
    const seen = new Map<string, SourceLocation>();
    for (const policy of configuration.settings.code_policies ?? []) {
      const first = seen.get(policy.policy);
      if (first === undefined) {
        seen.set(policy.policy, policy.location);
        continue;
      }
      diagnostics.push({
        severity: "error",
        rule: "duplicate-code-policy",
        message: `code policy "${policy.policy}" is listed twice in configuration "${configuration.name.value}", first at ${at(first)}`,
        location: policy.location,
        hint: "keep one entry per policy",
      });
    }
  }
  return diagnostics;
}

function invalidPatterns(account: DesiredAccount): Diagnostic[] {
  const patterns: Located<string>[] = [];
  // Exact names are checked too, because an include entry whose glob syntax
  // is broken has no glob characters left and reads as a name.
  for (const configuration of account.configurations) {
    const claims = configuration.repositories;
    patterns.push(...(claims?.names ?? []), ...(claims?.include ?? []));
    patterns.push(...(claims?.exclude ?? []));
  }
  if (Array.isArray(account.settings.prune)) {
    patterns.push(...account.settings.prune);
  }
  const diagnostics: Diagnostic[] = [];
  for (const pattern of patterns) {
    const problem = patternProblem(pattern.value);
    if (problem === undefined) continue;
    diagnostics.push({
      severity: "error",
      rule: "invalid-pattern",
      message: `pattern ${JSON.stringify(pattern.value)} ${problem.message}`,
      location: pattern.location,
      hint: problem.hint,
    });
  }
  return diagnostics;
}

/** Finds glob syntax that minimatch would read as literal text. */
function patternProblem(
  pattern: string,
): { message: string; hint: string } | undefined {
  if (pattern.startsWith("!")) {
    return {
      message: "starts with !, which would negate it",
      hint: "list the names to leave out under `exclude` instead",
    };
  }
  if (!balanced(pattern, "[", "]")) {
    return {
      message: "has an unclosed [",
      hint: "close the character class with ], or escape the [ as \\[",
    };
  }
  if (!balanced(pattern, "{", "}")) {
    return {
      message: "has an unclosed {",
      hint: "close the alternatives with }, or escape the { as \\{",
    };
  }
  const bracket = bracketProblem(pattern);
  if (bracket !== undefined) return bracket;
  try {
    compileGlob(pattern, true).makeRe();
  } catch (error) {
    return {
      message: `cannot be compiled (${(error as Error).message})`,
      hint: "simplify the pattern, for example with * and ? only",
    };
  }
  return undefined;
}

function balanced(pattern: string, open: string, close: string): boolean {
  let depth = 0;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index];
    if (character === "\\") index++;
    else if (character === open) depth++;
    else if (character === close && depth > 0) depth--;
  }
  return depth === 0;
}

function undeclaredDefaultConfiguration(account: DesiredAccount): Diagnostic[] {
  const target = account.settings.defaultConfiguration;
  if (target === undefined) return [];
  const declared = account.configurations.some(
    (configuration) =>
      configurationKey(configuration.name.value) ===
      configurationKey(target.value),
  );
  if (declared) return [];
  return [
    {
      severity: "error",
      rule: "undeclared-default-configuration",
      message: `default_configuration "${target.value}" is not declared in any file for account "${account.account.value}"`,
      location: target.location,
      hint:
        didYouMean(
          closestMatches(
            target.value,
            account.configurations.map(
              (configuration) => configuration.name.value,
            ),
          ),
        ) ?? "declare a configuration with that name, or fix the spelling",
    },
  ];
}

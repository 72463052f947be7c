import { readFile, stat } from "node:fs/promises";
import { UserError } from "../errors.js";
import { isRecord } from "../util/record.js";
import { schemaValidator } from "../util/schemas.js";
import { timingSafeEqual } from "node:crypto";
import { PLAN_FORMAT_VERSION, signatureOf } from "./json.js";
import type { ChangeImpact, ImpactFinding } from "./impact.js";
import type { AccountPlan, PlannedChange } from "./types.js";

/** Plan files larger than this are rejected unread. */
const MAX_PLAN_FILE_BYTES = 256 * 1024 * 1024;

export interface SavedPlan {
  apiUrl: string;
  plans: AccountPlan[];
}

/**
 * Reads a plan saved with `plan --out` and turns it back into plans. The file
 * must match `schemas/plan.schema.json` and carry a signature that `sign`
 * makes again from the same key. Every request must fit its change and stay
 * in its account. Every problem is a UserError naming the file.
 */
export async function readPlanFile(
  file: string,
  sign: (text: string) => string,
): Promise<SavedPlan> {
  const document = await readJson(file);
  const validate = schemaValidator("plan.schema.json");
  if (!validate(document)) {
    const problems = (validate.errors ?? [])
      .slice(0, 5)
      .map((error) => `${error.instancePath || "/"} ${error.message ?? ""}`)
      .join("; ");
    throw new UserError(`${file} is not a valid plan file: ${problems}`, {
      hint: "save plans with `dryrun-config plan --out FILE` and do not edit them",
    });
  }
  if (!isRecord(document) || typeof document.signature !== "string") {
    throw new UserError(`${file} has no signature, so it is not a saved plan`, {
      hint: "save the plan with `dryrun-config plan --out FILE`; --format json output cannot be applied",
    });
  }
  if (!sameText(signatureOf(document, sign), document.signature)) {
    throw new UserError(
      `${file} was changed after it was saved, or saved with another API key: its signature does not match`,
      {
        hint: "make a new plan with `dryrun-config plan --out FILE`, with the key you apply with",
      },
    );
  }
  const accounts = document.accounts as Record<string, unknown>[];
  if (accounts.some((account) => account.state === undefined)) {
    throw new UserError(`${file} lacks the state it was planned against`, {
      hint: "make a new plan with `dryrun-config plan --out FILE`",
    });
  }
  const plans = accounts.map(accountFromJson);
  for (const plan of plans) checkRequests(file, plan);
  return { apiUrl: String(document.api_url), plans };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks that each change's request is the one its action implies, in the
 * plan's own account, for the configurations and repositories it lists,
 * so that what apply prints is what it sends.
 */
function checkRequests(file: string, plan: AccountPlan): void {
  const base = `accounts/${plan.account.id}/configurations`;
  for (const [index, change] of plan.changes.entries()) {
    const { method, path, body } = change.request;
    const [ref] = change.configurations;
    const ids = (values: unknown) => JSON.stringify(values);
    const fits = (() => {
      switch (change.action) {
        case "create":
          return method === "POST" && path === base && ref?.id === undefined;
        case "update":
          return method === "PATCH" && path === `${base}/${ref?.id}`;
        case "delete":
          return method === "DELETE" && path === `${base}/${ref?.id}`;
        case "bulk_update":
          return (
            method === "POST" &&
            path === `${base}/bulk_update` &&
            isRecord(body) &&
            ids(body.configuration_ids) ===
              ids(change.configurations.map((c) => c.id))
          );
        case "assign":
          return (
            method === "POST" &&
            path === `${base}/assign_repositories` &&
            isRecord(body) &&
            body.configuration_id === ref?.id &&
            ids(body.repository_ids) ===
              ids(change.repositories.map((r) => r.id))
          );
      }
    })();
    if (!fits) {
      throw new UserError(
        `${file}: the request of change ${index + 1} (${method} ${path}) does not fit its ${change.action} of account ${plan.account.id}`,
        {
          hint: "do not edit saved plans; make a new plan with `dryrun-config plan --out FILE`",
        },
      );
    }
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > MAX_PLAN_FILE_BYTES) {
      throw new UserError(
        `${file} is ${info.size} bytes, too large for a plan file`,
      );
    }
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UserError(`cannot read the plan file ${file} (${code})`);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (!isRecord(value) || value.format_version === undefined) {
      throw new UserError(
        `${file} is not a saved plan: it has no format_version`,
        {
          hint: "apply takes a config folder, or a file written by `dryrun-config plan --out FILE`",
        },
      );
    }
    if (value.format_version !== PLAN_FORMAT_VERSION) {
      throw new UserError(
        `${file} has plan format ${JSON.stringify(value.format_version)}, but this version of dryrun-config reads format ${PLAN_FORMAT_VERSION}`,
        { hint: "make a new plan with this version of dryrun-config" },
      );
    }
    return value;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`${file} is not valid JSON: ${reason}`, {
      hint: "save plans with `dryrun-config plan --out FILE` and do not edit them",
    });
  }
}

/* The document passed the schema, so the casts below only name its shape. */
function accountFromJson(json: Record<string, unknown>): AccountPlan {
  const state = json.state as Record<string, unknown>;
  const unmanaged = json.unmanaged as Record<string, unknown>[];
  return {
    account: json.account as AccountPlan["account"],
    counts: json.summary as AccountPlan["counts"],
    changes: (json.changes as Record<string, unknown>[]).map(changeFromJson),
    unmanaged: unmanaged.map((entry) => ({
      name: entry.name as string,
      id: entry.id as string,
      repositoryCount: entry.repository_count as number,
      movedAway: entry.moved_away as number,
    })),
    unclaimedRepositories: json.unclaimed_repositories as number,
    safety: json.safety as AccountPlan["safety"],
    state: {
      fingerprints: state.fingerprints as AccountPlan["state"]["fingerprints"],
      patterns: state.patterns as AccountPlan["state"]["patterns"],
      caseSensitiveNames: state.case_sensitive_names as boolean,
    },
  };
}

function absentForNull(flat: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(flat).map(([field, value]) => [field, value ?? undefined]),
  );
}

function changeFromJson(json: Record<string, unknown>): PlannedChange {
  const refs = json.configurations as {
    name: string;
    id: string | null;
    declared_at?: string;
  }[];
  const fields = json.fields as {
    field: string;
    before: unknown;
    after: unknown;
  }[];
  const moves = json.repositories as {
    id: string;
    name: string;
    from: { name: string; id: string | null } | null;
  }[];
  const change: PlannedChange = {
    action: json.action as PlannedChange["action"],
    configurations: refs.map((ref) => ({
      name: ref.name,
      id: ref.id ?? undefined,
      ...(ref.declared_at ? { declaredAt: ref.declared_at } : {}),
    })),
    fields: fields.map((field) => ({
      field: field.field,
      before: field.before ?? undefined,
      after: field.after ?? undefined,
    })),
    repositories: moves.map((move) => ({
      id: move.id,
      name: move.name,
      from: move.from
        ? { name: move.from.name, id: move.from.id ?? undefined }
        : null,
    })),
    request: json.request as PlannedChange["request"],
    impact: impactFromJson(json.impact as Record<string, unknown>),
  };
  if (typeof json.declared_at === "string")
    change.declaredAt = json.declared_at;
  if (isRecord(json.before) && isRecord(json.after)) {
    change.settings = {
      before: absentForNull(json.before),
      after: absentForNull(json.after),
    };
  }
  if (json.rename) change.rename = json.rename as { from: string; to: string };
  return change;
}

function impactFromJson(json: Record<string, unknown>): ChangeImpact {
  const findings = json.findings as Record<string, unknown>[];
  return {
    level: json.level as ChangeImpact["level"],
    findings: findings.map((finding) => ({
      ...(finding as unknown as ImpactFinding),
      before: finding.before ?? undefined,
      after: finding.after ?? undefined,
    })),
  };
}

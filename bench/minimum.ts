import type { Scenario } from "./generate.js";

/** The API's largest page, which the client asks for. */
const PAGE_SIZE = 100;

const pages = (count: number) => Math.max(1, Math.ceil(count / PAGE_SIZE));

export interface RequestCounts {
  "GET accounts": number;
  "GET analyzers": number;
  "GET custom_policies": number;
  "GET configurations": number;
  "GET repositories": number;
  "POST configurations": number;
  "PATCH configuration": number;
  "POST bulk_update": number;
  "POST assign_repositories": number;
  "DELETE configuration": number;
}

export function emptyCounts(): RequestCounts {
  return {
    "GET accounts": 0,
    "GET analyzers": 0,
    "GET custom_policies": 0,
    "GET configurations": 0,
    "GET repositories": 0,
    "POST configurations": 0,
    "PATCH configuration": 0,
    "POST bulk_update": 0,
    "POST assign_repositories": 0,
    "DELETE configuration": 0,
  };
}

/**
 * The fewest requests a plan can make: one per page of each list, with
 * lists that carry the configurations' settings.
 */
export function minimumForPlan(scenario: Scenario): RequestCounts {
  const { counts } = scenario;
  return {
    ...emptyCounts(),
    "GET accounts": 1,
    "GET analyzers": pages(counts.analyzers),
    "GET custom_policies": pages(counts.policies),
    "GET configurations": pages(counts.liveConfigurations),
    "GET repositories": pages(counts.repositories),
  };
}

/**
 * The fewest requests an apply of a folder can make: the plan's reads, one
 * write per create, PATCH, identical-change group, target configuration
 * and delete, and one read of the configurations afterwards to check what
 * the API stored.
 */
export function minimumForApply(scenario: Scenario): RequestCounts {
  const plan = minimumForPlan(scenario);
  const { expected, counts } = scenario;
  return {
    ...plan,
    "GET configurations":
      plan["GET configurations"] + pages(counts.finalConfigurations),
    "POST configurations": expected.creates,
    "PATCH configuration": expected.patches,
    "POST bulk_update": expected.bulkUpdates,
    "POST assign_repositories": expected.assigns,
    "DELETE configuration": expected.deletes,
  };
}

/** Names the kind of a request from its method and path. */
export function requestKind(
  method: string,
  path: string,
): keyof RequestCounts | undefined {
  const route = path.split("?")[0] ?? path;
  if (method === "GET" && /\/accounts$/.test(route)) return "GET accounts";
  const match = /\/accounts\/[^/]+\/(\w+)(\/([^/]+))?$/.exec(route);
  const [, collection, , member] = match ?? [];
  if (method === "GET" && collection === "analyzers") return "GET analyzers";
  if (method === "GET" && collection === "custom_policies")
    return "GET custom_policies";
  if (method === "GET" && collection === "repositories")
    return "GET repositories";
  if (collection !== "configurations") return undefined;
  if (method === "GET") return "GET configurations";
  if (method === "POST" && member === undefined) return "POST configurations";
  if (method === "POST" && member === "bulk_update") return "POST bulk_update";
  if (method === "POST" && member === "assign_repositories")
    return "POST assign_repositories";
  if (method === "PATCH") return "PATCH configuration";
  if (method === "DELETE") return "DELETE configuration";
  return undefined;
}

/**
 * The round trips on the critical path of reading an account: the accounts
 * list, then the four lists at once, each its first page and then the rest
 * `concurrency` at a time.
 */
export function readRoundTrips(
  scenario: Scenario,
  concurrency: number,
): number {
  const plan = minimumForPlan(scenario);
  const lists = [
    plan["GET analyzers"],
    plan["GET custom_policies"],
    plan["GET configurations"],
    plan["GET repositories"],
  ];
  return (
    1 +
    Math.max(...lists.map((count) => 1 + Math.ceil((count - 1) / concurrency)))
  );
}

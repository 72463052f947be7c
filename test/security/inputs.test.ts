import { readFile, writeFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { createHash } from "node:crypto";
import { ApiClient } from "../../src/api/index.js";
import { signatureOf } from "../../src/plan/json.js";
import { canonicalJson } from "../../src/util/equal.js";
import { runCli } from "../support/cli.js";
import {
  ACME_KEY,
  cliEnv,
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
  writes,
} from "../support/emulator.js";
import { sendJson, serve } from "../support/http-server.js";
import { writeTree } from "../support/workspace.js";

const KEY = "dryrunsec_inputs_0123456789";
const ACCOUNT = {
  account_id: "5c8c638d-deb1-46eb-9141-00305fbfdfaf",
  org_name: "acme",
};

/** Starts a fake API that serves accounts normally and `handler` for the rest. */
async function fakeApi(
  handler: (path: string) => {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
  },
) {
  return serve((_request, url, response) => {
    const answer =
      url.pathname === "/v1/accounts"
        ? { status: 200, body: { data: [ACCOUNT] } }
        : handler(url.pathname);
    if (answer.body === undefined) {
      response.writeHead(answer.status, answer.headers);
      response.end();
    } else {
      sendJson(response, answer.status, answer.body, answer.headers);
    }
  });
}

function lines(text: string) {
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("Reading"));
}

describe("untrusted input", () => {
  test("redirect is reported, not followed", async () => {
    const url = await serve((_request, _url, response) => {
      response.writeHead(302, { location: "http://127.0.0.1:4/v1/accounts" });
      response.end();
    });
    const result = await runCli(["plan", EXAMPLE_DIR], {
      env: { DRYRUN_API_URL: url, DRYRUN_API_KEY: KEY },
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      "error: GET /v1/accounts was redirected (302) to http://127.0.0.1:4/v1/accounts",
      "hint: redirects are not followed; set --api-url to the final address",
    ]);
  });

  test("plain http to another host is refused before any request", async () => {
    const result = await runCli(["plan", EXAMPLE_DIR], {
      env: { DRYRUN_API_URL: "http://10.0.0.1/v1", DRYRUN_API_KEY: KEY },
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      'error: the API URL "http://10.0.0.1/v1" from DRYRUN_API_URL uses plain http',
    );
  });

  test("an id that is not a UUID never reaches a path", async () => {
    const requested: string[] = [];
    const url = await serve((_request, requestUrl, response) => {
      requested.push(requestUrl.pathname);
      sendJson(response, 200, {
        data: [{ account_id: "../../admin", org_name: "acme" }],
      });
    });
    const result = await runCli(["plan", EXAMPLE_DIR], {
      env: { DRYRUN_API_URL: url, DRYRUN_API_KEY: KEY },
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      'error: invalid account id "../../admin"',
    );
    expect([...new Set(requested)]).toEqual(["/v1/accounts"]);
  });

  test("settings of an unexpected shape", async () => {
    const url = await fakeApi((path) =>
      path.endsWith("/configurations")
        ? {
            status: 200,
            body: {
              data: [
                {
                  id: "c0000000-0000-4000-8000-000000000001",
                  name: "x",
                  configuration: { code_policies: [{ enabled: true }] },
                },
              ],
            },
          }
        : { status: 200, body: { data: [] } },
    );
    const result = await runCli(["plan", EXAMPLE_DIR], {
      env: { DRYRUN_API_URL: url, DRYRUN_API_KEY: KEY },
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      "error: GET /v1/accounts/5c8c638d-deb1-46eb-9141-00305fbfdfaf/configurations returned a response of an unexpected shape: data[0].configuration.code_policies[0].id is missing, expected a string",
    );
    expect(result.stderr).not.toContain("internal error");
  });

  test("a body that is not JSON", async () => {
    const url = await serve((_request, _url, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html>login</html>");
    });
    const result = await runCli(["plan", EXAMPLE_DIR], {
      env: { DRYRUN_API_URL: url, DRYRUN_API_KEY: KEY },
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      "error: GET /v1/accounts returned a body that is not JSON: <html>login</html>",
    );
  });

  test("an edited plan file is rejected without the key", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ACME_KEY);
    const dir = await writeTree({});
    await runCli(["plan", EXAMPLE_DIR, "--out", `${dir}/plan.json`], { env });
    const document = JSON.parse(await readFile(`${dir}/plan.json`, "utf8"));
    document.accounts[0].changes[0].request.body.configuration.configuration.risk_threshold = 99;
    const { signature: _old, ...rest } = document;
    const digest = createHash("sha256")
      .update(canonicalJson(rest))
      .digest("hex");
    document.signature = `hmac-sha256:${digest}`;
    await writeFile(`${dir}/plan.json`, JSON.stringify(document));

    const result = await runCli(["apply", `${dir}/plan.json`], { env });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      `error: ${dir}/plan.json was changed after it was saved, or saved with another API key: its signature does not match`,
    );
    expect(writes(emulator)).toHaveLength(0);
  });

  test("a re-signed plan cannot leave its account", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ACME_KEY);
    const dir = await writeTree({});
    await runCli(["plan", EXAMPLE_DIR, "--out", `${dir}/plan.json`], { env });
    const document = JSON.parse(await readFile(`${dir}/plan.json`, "utf8"));
    document.accounts[0].changes[0].request.path =
      "accounts/c5e34e1d-5c22-4de0-b781-e09d4b5c5df5/configurations";
    const signer = new ApiClient({ baseUrl: emulator.url, apiKey: ACME_KEY });
    document.signature = signatureOf(document, (text) => signer.sign(text));
    await writeFile(`${dir}/plan.json`, JSON.stringify(document));

    const result = await runCli(["apply", `${dir}/plan.json`], { env });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      `error: ${dir}/plan.json: the request of change 1 (POST accounts/c5e34e1d-5c22-4de0-b781-e09d4b5c5df5/configurations) does not fit its create of account 5c8c638d-deb1-46eb-9141-00305fbfdfaf`,
    );
    expect(writes(emulator)).toHaveLength(0);
  });
});

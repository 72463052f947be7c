import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import { ApiClient, ApiError } from "../../src/api/index.js";
import { sendJson, serve } from "../support/http-server.js";

const KEY = "dryrunsec_client_test";

/** A loopback port that was free a moment ago, so nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("ApiClient", () => {
  test("sends the key as a bearer token", async () => {
    let authorization: string | undefined;
    const url = await serve((request, _url, response) => {
      authorization = request.headers.authorization;
      sendJson(response, 200, { data: [] });
    });
    await new ApiClient({ baseUrl: url, apiKey: KEY }).get("accounts");
    expect(authorization).toBe(`Bearer ${KEY}`);
  });

  test("error status carries the API's details", async () => {
    const url = await serve((_request, _url, response) => {
      sendJson(
        response,
        404,
        { error: "configuration not found" },
        {
          "x-request-id": "req-123",
        },
      );
    });
    const client = new ApiClient({ baseUrl: url, apiKey: KEY });
    const error = await failure(client.get("accounts/abc"));
    expect(error.message).toBe(
      "GET /v1/accounts/abc failed with 404 Not Found: configuration not found (request id req-123)",
    );
    expect(error.method).toBe("GET");
    expect(error.path).toBe("/v1/accounts/abc");
    expect(error.status).toBe(404);
    expect(error.apiMessage).toBe("configuration not found");
    expect(error.requestId).toBe("req-123");
    expect(error.message).not.toContain(KEY);
  });

  test("non-JSON error body is excerpted", async () => {
    const url = await serve((_request, _url, response) => {
      response.writeHead(502, { "content-type": "text/html" });
      response.end("<html><body>Bad gateway</body></html>");
    });
    const client = new ApiClient({ baseUrl: url, apiKey: KEY });
    const error = await failure(client.post("things", {}));
    expect(error.message).toBe(
      "POST /v1/things failed with 502 Bad Gateway: <html><body>Bad gateway</body></html>",
    );
    expect(error.hint).toBe("the API failed; retry later");
  });

  test("redirect is not followed", async () => {
    let requests = 0;
    const url = await serve((_request, _url, response) => {
      requests++;
      response.writeHead(301, {
        location: "https://example.invalid/v1/accounts",
      });
      response.end();
    });
    const client = new ApiClient({ baseUrl: url, apiKey: KEY });
    const error = await failure(client.get("accounts"));
    expect(error.message).toBe(
      "GET /v1/accounts was redirected (301) to https://example.invalid/v1/accounts",
    );
    expect(error.hint).toBe(
      "redirects are not followed; set --api-url to the final address",
    );
    expect(requests).toBe(1);
  });

  test("success body that is not JSON", async () => {
    const url = await serve((_request, _url, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("hello");
    });
    const client = new ApiClient({ baseUrl: url, apiKey: KEY });
    const error = await failure(client.post("things", {}));
    expect(error.message).toBe(
      "POST /v1/things returned a body that is not JSON: hello",
    );
  });

  test("connection refused", async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}/v1`;
    const client = new ApiClient({
      baseUrl,
      apiKey: KEY,
      retry: { maxRetries: 1, maxRetryTimeMs: 10_000 },
    });
    const error = await failure(client.post("things", {}));
    expect(error.message).toBe(
      `POST /v1/things failed: cannot connect to ${baseUrl} (ECONNREFUSED) (after 2 attempts)`,
    );
    expect(error.status).toBeUndefined();
  });

  test("timeout names method and path", async () => {
    const url = await serve(() => {
      // Never answers.
    });
    const client = new ApiClient({ baseUrl: url, apiKey: KEY, timeoutMs: 200 });
    const error = await failure(client.post("things", {}));
    expect(error.message).toBe("POST /v1/things timed out after 200 ms");
  });

  test("huge body is refused", async () => {
    const url = await serve((_request, _url, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(1024 * 1024, 32);
      let sent = 0;
      const write = () => {
        while (sent < 70) {
          sent++;
          if (!response.write(chunk)) return void response.once("drain", write);
        }
        response.end("{}");
      };
      write();
    });
    const client = new ApiClient({ baseUrl: url, apiKey: KEY });
    const error = await failure(client.get("accounts"));
    expect(error.message).toBe("GET /v1/accounts returned a body over 64 MiB");
  });
});

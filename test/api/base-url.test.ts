import { describe, expect, test } from "vitest";
import { parseBaseUrl } from "../../src/api/index.js";

describe("parseBaseUrl", () => {
  test.each([
    [
      "https://simple-api.dryrun.security/v1",
      "https://simple-api.dryrun.security/v1",
    ],
    [
      "https://simple-api.dryrun.security/v1/",
      "https://simple-api.dryrun.security/v1",
    ],
    [
      "https://simple-api.sb.dryrun.security",
      "https://simple-api.sb.dryrun.security/v1",
    ],
    ["http://127.0.0.1:4010/v1", "http://127.0.0.1:4010/v1"],
    ["http://127.8.9.10:4010", "http://127.8.9.10:4010/v1"],
    ["http://localhost:4010/v1", "http://localhost:4010/v1"],
    ["http://[::1]:4010/v1", "http://[::1]:4010/v1"],
  ])("accepts %s", (raw, expected) => {
    expect(parseBaseUrl(raw, "--api-url")).toBe(expected);
  });

  test.each([
    ["not a url", 'invalid API URL "not a url" from --api-url'],
    [
      "http://api.example.com/v1",
      'the API URL "http://api.example.com/v1" from --api-url uses plain http',
    ],
    [
      "https://user:secret@api.example.com/v1",
      'the API URL "https://REDACTED@api.example.com/v1" from --api-url contains credentials',
    ],
    [
      "https://api.example.com/v1?x=1",
      'the API URL "https://api.example.com/v1?x=1" from --api-url has a query or fragment',
    ],
    [
      "http://127.0.0.1:6000/v1",
      'the API URL "http://127.0.0.1:6000/v1" from --api-url uses port 6000, which fetch refuses to connect to',
    ],
    [
      "ftp://api.example.com/v1",
      'the API URL "ftp://api.example.com/v1" from --api-url is not an http(s) URL',
    ],
  ])("rejects %s", (raw, message) => {
    expect(() => parseBaseUrl(raw, "--api-url")).toThrow(message);
  });

  test("credentials never reach the message", () => {
    expect(() =>
      parseBaseUrl("https://user:secret@api.example.com", "x"),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining("secret"),
      }),
    );
  });
});

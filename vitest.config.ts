import { defineConfig } from "vitest/config";

/**
 * Test files that drive the real Pulumi CLI (and so need it built or cached): the `cli` tier.
 * Everything else is the `unit` tier — the client, the emulator, the framework, the resources over
 * real HTTP — which `npm run test:unit` runs in about a minute. A unit-tier test that reaches for the
 * CLI fails with a message naming this list (test/helpers/pulumi-cli.ts).
 */
const CLI_TESTS = [
  "test/e2e/**/*.test.ts",
  "test/fleet/fleet-cli.test.ts",
  "test/reliability/faults.test.ts",
  "test/reliability/interrupted.test.ts",
  "test/reliability/rate-limits.test.ts",
  "test/reliability/secrets.test.ts",
  "test/scripts/**/*.test.ts",
];

/**
 * Unit-tier files that need a process of their own (they test process-wide wiring, such as the engine
 * log's connection, that happens once per process). The rest of the unit tier shares module state
 * between files of a worker (`isolate: false`): each test starts its own emulator and client, and
 * loading @pulumi/pulumi once per worker instead of once per file makes the tier about four times
 * cheaper in CPU.
 */
const OWN_PROCESS_TESTS = ["test/resources/engine-log-host.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...CLI_TESTS, ...OWN_PROCESS_TESTS],
          isolate: false,
          env: { GZ_TEST_TIER: "unit" },
        },
      },
      {
        extends: true,
        test: { name: "unit-own-process", include: OWN_PROCESS_TESTS, env: { GZ_TEST_TIER: "unit" } },
      },
      { extends: true, test: { name: "cli", include: CLI_TESTS } },
    ],
  },
});

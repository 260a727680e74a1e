// Lint rules for the provider, the emulator, the tests and the scripts.
// Type-aware rules (floating promises above all: an un-awaited API call is a lost write) use the
// TypeScript project; the rest is the recommended set of ESLint and typescript-eslint.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "coverage/**",
      "bench/tmp/**",
      "test/fixtures/upgrade-0.1.0/**",
      "**/node_modules/**",
      "**/bin/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["provider/**/*.ts", "emulator/**/*.ts", "test/**/*.ts", "vitest.config.ts", "policypack/**/*.ts"],
    ignores: ["test/e2e/fixtures/**", "test/reliability/programs/**", "test/fixtures/**"],
    languageOptions: {
      parserOptions: {
        project: ["./tsconfig.test.json", "./policypack/tsconfig.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests read untyped JSON answers from the emulator and the CLI; `any` there is the honest type.
    files: ["test/**/*.ts"],
    // They also require the compiled `dist/` modules exactly as Pulumi's engine does.
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.mjs", "**/*.cjs", "**/*.js"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        URL: "readonly",
        fetch: "readonly",
        performance: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);

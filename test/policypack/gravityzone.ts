/**
 * The package the pack imports as `pulumi-gravityzone`, taken from its TypeScript sources so the
 * tests need no build. Each test file mocks the package with this module.
 */
export * from "../../provider/index";

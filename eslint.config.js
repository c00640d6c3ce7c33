// ESLint's flat configuration: `make test` runs `npx eslint .` before pytest (CI runs `make test`).
// The browser code is classic scripts sharing one global, `atlas` (progress.js); the tests are Node.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["site/", ".venv/", "node_modules/", ".bench/", ".snapshots/", "tests/fixtures/"] },
  js.configs.recommended,
  {
    rules: {
      // A copy of an object without some fields is written `const { gone: _, ...rest } = card`:
      // the names left out are there to be left out.
      "no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["templates/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: {
        ...globals.browser,
        // What scripts loaded on demand call (written by the build): rows.js, reading lists.
        atlasRows: "writable",
        atlasReadingList: "writable",
        // Set only under Node, where tests/js/ require a script to test its rules.
        module: "readonly",
      },
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
];
